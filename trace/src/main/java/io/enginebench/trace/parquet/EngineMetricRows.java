package io.enginebench.trace.parquet;

import io.enginebench.trace.EngineMetricSample;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/** {@link EngineMetricSample} ⇄ Parquet row of {@code engine_metrics.parquet}. */
public final class EngineMetricRows {
    public static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("run_id")
            .required(PrimitiveTypeName.INT64).named("t_ns")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("source")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("name")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("raw_name")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("labels")
            .required(PrimitiveTypeName.DOUBLE).named("value")
            .named("engine_metric");

    private EngineMetricRows() {}

    public static Group toGroup(EngineMetricSample s) {
        Group g = new SimpleGroup(SCHEMA);
        g.add("run_id", s.runId());
        g.add("t_ns", s.tNs());
        g.add("source", s.source());
        g.add("name", s.name());
        g.add("raw_name", s.rawName());
        g.add("labels", s.labels() == null ? "" : s.labels());
        g.add("value", s.value());
        return g;
    }

    public static EngineMetricSample fromGroup(Group g) {
        return new EngineMetricSample(g.getString("run_id", 0), g.getLong("t_ns", 0), g.getString("source", 0),
                g.getString("name", 0), g.getString("raw_name", 0), g.getString("labels", 0),
                g.getDouble("value", 0));
    }
}

package io.enginebench.trace.parquet;

import io.enginebench.trace.PromptRecord;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/** {@link PromptRecord} ⇄ Parquet row of {@code prompts.parquet}. */
public final class PromptRows {
    public static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("prompt_sha256")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("prompt_id")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("endpoint")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("text")
            .named("prompt");

    private PromptRows() {}

    public static Group toGroup(PromptRecord p) {
        Group g = new SimpleGroup(SCHEMA);
        g.add("prompt_sha256", p.promptSha256());
        GroupFields.putString(g, "prompt_id", p.promptId());
        g.add("endpoint", p.endpoint());
        g.add("text", p.text());
        return g;
    }

    public static PromptRecord fromGroup(Group g) {
        return new PromptRecord(g.getString("prompt_sha256", 0), GroupFields.getString(g, "prompt_id"),
                g.getString("endpoint", 0), g.getString("text", 0));
    }
}

package io.enginebench.pipeline.analysis;

import org.apache.spark.sql.Column;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

/** Which engine identity analyses compare: spec-decoding variants apart (default) or merged into the base engine. */
public enum EnginePolicy {
    SPEC_SEPARATE("spec-separate"),
    LEGACY_MERGE_SPEC("legacy-merge-spec");

    private final String label;

    EnginePolicy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The engine column of a runs-shaped table under this policy. */
    public Column engineGroup() {
        return this == SPEC_SEPARATE ? coalesce(col("engine_variant"), col("engine")) : col("engine");
    }
}

package io.enginebench.pipeline.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EngineChoiceTest {
    @Test
    void aLocalWarehouseIsDuckDbsAndARemoteOneSparks() {
        for (String local : new String[] {"warehouse", "/data/warehouse", "./w", "file:/data/w", "file:///data/w",
                "C:\\bench\\warehouse"}) {
            assertThat(EngineChoice.forWarehouse(local)).as(local).isEqualTo(EngineChoice.duckdb);
        }
        for (String remote : new String[] {"s3a://bucket/w", "hdfs://nn:8020/w", "gs://b/w", "abfs://c@a/w",
                "S3://bucket/w"}) {
            assertThat(EngineChoice.forWarehouse(remote)).as(remote).isEqualTo(EngineChoice.spark);
        }
    }

    @Test
    void aNamedEngineIsKeptAndAutoResolvesByLocation() {
        assertThat(EngineChoice.spark.resolve("warehouse")).isEqualTo(EngineChoice.spark);
        assertThat(EngineChoice.duckdb.resolve("s3a://b/w")).isEqualTo(EngineChoice.duckdb);
        assertThat(EngineChoice.auto.resolve("hdfs://nn/w")).isEqualTo(EngineChoice.spark);
        assertThat(EngineChoice.auto.resolve("warehouse")).isEqualTo(EngineChoice.duckdb);
    }
}

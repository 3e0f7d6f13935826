package io.enginebench.pipeline.analysis;

import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.pipeline.warehouse.SqlViews;
import io.enginebench.pipeline.warehouse.Warehouse;
import io.enginebench.pipeline.warehouse.WarehouseTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry names exactly the tables a warehouse holds after ingest and a full analyse. */
class WarehouseTableRegistryTest {

    @Test
    void everyTableOfAnAnalysedWarehouseIsRegisteredAndEveryRegisteredTableExists(@TempDir Path tmp) throws Exception {
        SparkSession spark = SharedSpark.get();
        Fixture fx = new Fixture();
        fx.run("r1", "m", "vllm", "single_request_latency");
        for (int i = 0; i < 3; i++) {
            fx.request("r1", i, i * 100, 10 + i, 90, 5);
        }
        Warehouse wh = Warehouse.open(spark, tmp.resolve("wh").toString());
        wh.commitSnapshot(Map.of("runs", fx.runs(), "requests", fx.requests(), "engine_metrics", fx.engineMetrics(),
                "data_quality", fx.dataQuality(), "quarantine", spark.sql("SELECT 'x' AS source_path, 'y' AS reason")));
        Map<String, Dataset<Row>> derived = Analyses.computeAll(WarehouseInputs.of(wh), AnalysisOptions.defaults());
        assertThat(derived.keySet()).containsExactlyInAnyOrderElementsOf(
                WarehouseTable.namesOf(WarehouseTable.Kind.DERIVED));
        // other tests of this session leave views of their own: only this warehouse's count
        for (Row r : spark.sql("SHOW TABLES").collectAsList()) {
            spark.catalog().dropTempView(r.getString(1));
        }

        wh.writeDerived(derived);
        SqlViews.register(spark);

        Set<String> present = new TreeSet<>();
        for (Row r : spark.sql("SHOW TABLES").collectAsList()) {
            present.add(r.getString(1));
        }
        List<String> registered = Arrays.stream(WarehouseTable.values()).map(WarehouseTable::tableName).toList();
        assertThat(present).containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void namesAreUniqueAndEveryTableHasKeyColumnsAndADescription() {
        assertThat(Arrays.stream(WarehouseTable.values()).map(WarehouseTable::tableName).distinct())
                .hasSize(WarehouseTable.values().length);
        for (WarehouseTable t : WarehouseTable.values()) {
            assertThat(t.keyColumns()).as(t.tableName()).isNotEmpty();
            assertThat(t.description()).as(t.tableName()).isNotBlank().doesNotContain("\n");
        }
    }
}

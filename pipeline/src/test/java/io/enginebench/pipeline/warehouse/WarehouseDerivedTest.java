package io.enginebench.pipeline.warehouse;

import io.enginebench.pipeline.spark.SharedSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WarehouseDerivedTest {
    @Test
    void derivedTablesAreWrittenAsParquetAndOneSortedCsvAndRegisteredAsViews(@TempDir Path tmp) throws Exception {
        SparkSession spark = SharedSpark.get();
        Warehouse wh = Warehouse.open(spark, tmp.resolve("wh").toString());
        assertThat(wh.currentSnapshot()).isEmpty();
        assertThat(spark.sql("SELECT COUNT(*) FROM runs").first().getLong(0)).isZero();

        wh.writeDerived(Map.of("engine_summary", spark.sql(
                "SELECT * FROM VALUES ('vllm', 2, array(1, 2)), ('sglang', 1, array(3)), ('llamacpp', 3, array()) "
                        + "AS t(engine, n, xs)").repartition(3)));
        Path csv = tmp.resolve("wh/derived-csv/engine_summary.csv");
        assertThat(Files.readAllLines(csv)).containsExactly("engine,n,xs", "llamacpp,3,[]", "sglang,1,[3]",
                "vllm,2,\"[1,2]\"");
        assertThat(spark.sql("SELECT SUM(n) FROM engine_summary").first().getLong(0)).isEqualTo(6);

        // replaced as a whole: a second write without the table removes it
        wh.writeDerived(Map.of("other", spark.sql("SELECT 1 AS x")));
        assertThat(Files.exists(csv)).isFalse();
        assertThat(wh.derivedTables()).containsOnlyKeys("other");
        assertThat(Files.readAllLines(tmp.resolve("wh/derived-csv/other.csv"))).containsExactly("x", "1");
        assertThat(tmp.resolve("wh").toFile().list()).containsExactlyInAnyOrder("derived", "derived-csv");
    }
}

package io.enginebench.pipeline.report;

import io.enginebench.pipeline.report.section.ReportSections;
import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.trace.UserFacingException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparkReportInputsTest {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 28);
    private static final List<String> BASE = List.of("runs", "engine_metrics");

    @TempDir
    static Path warehouse;

    /** The synthetic tables laid out as a warehouse: base tables in a snapshot, derived tables under derived/. */
    @BeforeAll
    static void writeWarehouse() throws IOException {
        SparkSession spark = SharedSpark.get();
        Files.writeString(warehouse.resolve("CURRENT"), "s1\n");
        for (Map.Entry<String, Table> e : SyntheticInputs.tables().entrySet()) {
            Path dir = BASE.contains(e.getKey()) ? warehouse.resolve("snapshots/s1/" + e.getKey())
                    : warehouse.resolve("derived/" + e.getKey());
            toSpark(spark, e.getValue()).coalesce(1).write().parquet(dir.toString());
        }
        for (String base : io.enginebench.pipeline.warehouse.Tables.BASE) {   // a snapshot always holds every base table, if only empty
            Path dir = warehouse.resolve("snapshots/s1/" + base);
            if (!Files.exists(dir)) {
                spark.createDataFrame(List.of(), io.enginebench.pipeline.warehouse.Tables.SCHEMAS.get(base)).write().parquet(dir.toString());
            }
        }
    }

    static org.apache.spark.sql.Dataset<Row> toSpark(SparkSession spark, Table t) {
        List<StructField> fields = new ArrayList<>();
        for (var c : t.columns()) {
            ColumnType type = c.type();
            DataType dt = type == ColumnType.INTEGER ? DataTypes.IntegerType : type == ColumnType.LONG
                    ? DataTypes.LongType : type == ColumnType.DOUBLE ? DataTypes.DoubleType
                    : type == ColumnType.BOOLEAN ? DataTypes.BooleanType : DataTypes.StringType;
            fields.add(DataTypes.createStructField(c.name(), dt, true));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            Object[] v = new Object[t.columnCount()];
            for (int c = 0; c < v.length; c++) {
                v[c] = t.column(c).isMissing(i) ? null : t.column(c).get(i);
            }
            rows.add(RowFactory.create(v));
        }
        return spark.createDataFrame(rows, new StructType(fields.toArray(new StructField[0])));
    }

    @Test
    void parquetWarehouseGivesTheSameReportAsTheTablesItHolds(@TempDir Path out) throws IOException {
        SparkReportInputs inputs = SparkReportInputs.fromWarehouse(SharedSpark.get(), warehouse.toString(), null);
        String fromParquet = Files.readString(ReportSections.builder().build(inputs, out.resolve("p"), DATE).markdown());
        String fromMemory = Files.readString(ReportSections.builder()
                .build(ReportInputs.of(SyntheticInputs.tables()), out.resolve("m"), DATE).markdown());
        assertThat(fromParquet).isEqualTo(fromMemory);
    }

    @Test
    void filterOnRunsReachesEveryTableAndIsExplained(@TempDir Path out) throws IOException {
        SparkReportInputs inputs = SparkReportInputs.fromWarehouse(SharedSpark.get(), warehouse.toString(),
                "NOT simulated AND model_name = 'Qwen3-32B'");
        assertThat(inputs.table("runs").orElseThrow().rowCount()).isEqualTo(6);
        // by run_uid
        assertThat(TableQueries.distinct(inputs.table("prefix_cache").orElseThrow(), "engine_group"))
                .containsExactly("sglang", "vllm");
        // predicate on the table's own columns
        assertThat(TableQueries.distinct(inputs.table("cell_summary").orElseThrow(), "model_name"))
                .containsExactly("Qwen3-32B");
        // identity columns: goodput has model_name but run_uid-less rows and no `simulated`
        Table goodput = inputs.table("goodput").orElseThrow();
        assertThat(TableQueries.distinct(goodput, "engine_group")).containsExactly("sglang", "vllm");
        assertThat(inputs.filterNotes()).containsEntry("runs", "predicate applied")
                .containsEntry("prefix_cache", "rows of the selected runs (by run_uid)")
                .containsEntry("goodput", "rows whose model_name, engine_group, scenario occur among the selected runs "
                        + "(aggregates not recomputed)");
        String md = Files.readString(ReportSections.builder().build(inputs, out, DATE).markdown());
        assertThat(md).contains("Filter on runs: `NOT simulated AND model_name = 'Qwen3-32B'`.")
                .doesNotContain("sim-vllm").doesNotContain("Llama-3.1-8B").doesNotContain("simulated engine:");
    }

    @Test
    void badFilterIsAOneLineUserError() {
        assertThatThrownBy(() -> SparkReportInputs.fromWarehouse(SharedSpark.get(), warehouse.toString(), "no_such_col = 1"))
                .isInstanceOf(UserFacingException.class).hasMessageStartingWith("report: bad --filter")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> SparkReportInputs.fromWarehouse(SharedSpark.get(), warehouse.resolve("nope").toString(), null))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("no warehouse");
    }
}

package io.enginebench.dashboard.results;

import io.enginebench.pipeline.compare.Comparison;
import io.enginebench.pipeline.compare.RunSelector;
import io.enginebench.pipeline.steps.PipelineSteps;
import io.enginebench.pipeline.warehouse.WarehouseTable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.enginebench.pipeline.warehouse.WarehouseTable.CELL_SUMMARY;
import static io.enginebench.pipeline.warehouse.WarehouseTable.RUNS;
import static io.enginebench.pipeline.warehouse.WarehouseTable.RUN_SUMMARY;
import static io.enginebench.pipeline.warehouse.WarehouseTable.WINNERS;

/**
 * {@link ResultsSource} over the warehouse with Spark SQL, opened through {@link PipelineSteps}. The session starts on
 * the first query, so the dashboard starts at once and a user who only watches live runs never pays for Spark. Queries are parameterised
 * (named markers), never built from request text. Calls are serialised: the temporary views are per session.
 */
public final class SparkResultsSource implements ResultsSource {
    /** Large JSON text that the browser does not need in a table. */
    private static final Set<String> RUNS_SKIP = Set.of("scenario_config");
    private static final int MAX_RUNS = 2000;

    private final WarehouseTables tables;
    private final PipelineSteps steps;

    /** @param steps on the same warehouse as {@code tables}; its session is asked for on the first query */
    public SparkResultsSource(WarehouseTables tables, PipelineSteps steps) {
        this.tables = tables;
        this.steps = steps;
    }

    @Override
    public boolean available() { return tables.exists(); }

    private SparkSession spark() { return steps.session(); }

    /** Refreshes the views (a new ingest or analyze may have happened since the last request). */
    @Override
    public synchronized boolean has(WarehouseTable table) { return steps.views().contains(table.tableName()); }

    /** ORDER BY a table's whole key, of the columns it has (a warehouse analysed by an older build lacks some). */
    private String orderBy(WarehouseTable table, String... key) {
        Set<String> have = Set.of(spark().table(table.tableName()).columns());
        return "ORDER BY " + String.join(", ", java.util.Arrays.stream(key).filter(have::contains).toList());
    }

    @Override
    public synchronized List<Map<String, Object>> runs(RunFilter f) {
        if (!has(RUNS)) return List.of();
        List<String> where = new ArrayList<>();
        Map<String, Object> args = new LinkedHashMap<>();
        if (f.model() != null) { where.add("(model = :model OR model_name = :model)"); args.put("model", f.model()); }
        if (f.engine() != null) { where.add("engine = :engine"); args.put("engine", f.engine()); }
        if (f.variant() != null) { where.add("engine_variant = :variant"); args.put("variant", f.variant()); }
        if (f.scenario() != null) { where.add("scenario = :scenario"); args.put("scenario", f.scenario()); }
        if (f.date() != null) {
            where.add("to_date(timestamp) = CAST(:day AS DATE)");
            args.put("day", f.date().toString());
        }
        String sql = "SELECT * FROM " + RUNS.tableName()
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY timestamp DESC LIMIT " + MAX_RUNS;
        return Rows.toMaps(spark().sql(sql, args).collectAsList(), RUNS_SKIP);
    }

    @Override
    public synchronized Optional<Map<String, Object>> run(String runUid) {
        if (!has(RUNS)) return Optional.empty();
        List<Row> rows = spark().sql("SELECT * FROM " + RUNS.tableName() + " WHERE run_uid = :id",
                Map.of("id", runUid)).collectAsList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(Rows.toMap(rows.get(0), RUNS_SKIP));
    }

    @Override
    public synchronized List<Map<String, Object>> runSummary(String runUid) {
        if (!has(RUN_SUMMARY)) return List.of();
        return Rows.toMaps(spark().sql("SELECT * FROM " + RUN_SUMMARY.tableName()
                + " WHERE run_uid = :id ORDER BY "
                + "CASE scope WHEN 'run' THEN 0 WHEN 'level' THEN 1 ELSE 2 END, level_index, arm",
                Map.of("id", runUid)).collectAsList(), Set.of());
    }

    @Override
    public synchronized List<Map<String, Object>> winners(String scenario, String modelName) {
        if (!has(WINNERS)) return List.of();
        return Rows.toMaps(spark().sql("SELECT * FROM " + WINNERS.tableName()
                        + " WHERE scenario = :scenario AND model_name = :model "
                        + orderBy(WINNERS, "config_hash", "max_tokens", "scope", "level_index", "concurrency",
                                "target_rate", "arm", "metric", "engine_a", "engine_b"),
                Map.of("scenario", scenario, "model", modelName)).collectAsList(), Set.of());
    }

    @Override
    public synchronized List<Map<String, Object>> cellSummary(String scenario, String modelName) {
        if (!has(CELL_SUMMARY)) return List.of();
        return Rows.toMaps(spark().sql("SELECT * FROM " + CELL_SUMMARY.tableName()
                        + " WHERE scenario = :scenario AND model_name = :model "
                        + orderBy(CELL_SUMMARY, "config_hash", "max_tokens", "scope", "level_index", "concurrency",
                                "target_rate", "arm", "metric", "engine_group"),
                Map.of("scenario", scenario, "model", modelName)).collectAsList(), Set.of());
    }

    @Override
    public synchronized Comparison compare(RunSelector baseline, RunSelector candidate) {
        return steps.compare(baseline, candidate);   // refreshes the views the comparison reads
    }
}

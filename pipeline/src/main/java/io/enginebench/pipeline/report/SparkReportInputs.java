package io.enginebench.pipeline.report;

import io.enginebench.pipeline.spark.ConcurrentJobs;
import io.enginebench.pipeline.warehouse.Warehouse;
import io.enginebench.pipeline.warehouse.WarehouseTable;
import io.enginebench.trace.UserFacingException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Report inputs read through Spark, restricted by an optional filter: a Spark SQL predicate over the columns of
 * {@code runs} (e.g. {@code model_name = 'Qwen3-32B' AND source = 'native'}). How it reaches each table:
 * <ol>
 *   <li>{@code runs}: the predicate itself;</li>
 *   <li>tables with {@code run_uid}: rows of the selected runs (rows without a run, e.g. goodput aggregates,
 *       take the next rules);</li>
 *   <li>otherwise the predicate itself when it resolves on the table's columns;</li>
 *   <li>otherwise rows whose model_name / engine_group / scenario (those the table has) occur among the selected
 *       runs, with engine_group = coalesce(engine_variant, engine). Aggregates are not recomputed for the subset:
 *       for exact subset statistics, analyse a warehouse that holds only those runs.</li>
 * </ol>
 * Each table's rule is reported in {@link #filterNotes()} and printed in the report.
 */
public final class SparkReportInputs implements ReportInputs {
    /** engine_metrics can be large: only the series the report draws are collected. */
    static final List<String> ENGINE_METRIC_NAMES = List.of("kv_cache_usage", "requests_running",
            "requests_waiting");
    private static final List<String> KEY_COLUMNS = List.of("model_name", "engine_group", "scenario");

    private final Function<String, Optional<Dataset<Row>>> source;
    private final String filter;
    private final Dataset<Row> selectedRuns;

    /** A table as read, with the line saying how the filter applied to it (null when it says nothing). */
    private record Fetched(Optional<Table> table, String note) {}

    /** A filtered Dataset and how the filter reached it (null when not to be reported). */
    private record Restricted(Dataset<Row> rows, String note) {}

    private final Map<String, Future<Fetched>> prefetched = new ConcurrentHashMap<>();
    private final Map<String, Optional<Table>> cache = new HashMap<>();
    private final Map<String, String> notes = new TreeMap<>();

    /**
     * @param source the named table as a Dataset, or empty when absent (e.g. the Warehouse's registered views:
     *               {@code n -> spark.catalog().tableExists(n) ? Optional.of(spark.table(n)) : Optional.empty()})
     * @param filter Spark SQL predicate over {@code runs}, or null
     */
    public SparkReportInputs(Function<String, Optional<Dataset<Row>>> source, String filter) {
        this.source = source;
        this.filter = filter == null || filter.isBlank() ? null : filter.trim();
        this.selectedRuns = this.filter == null ? null : source.apply(WarehouseTable.RUNS.tableName())
                .map(this::applyRunFilter)
                .orElseThrow(() -> new UserFacingException("report: --filter needs a `runs` table in the warehouse"));
    }

    /** Temp views/tables of the session (what {@code Warehouse.open} registers). */
    public static SparkReportInputs fromViews(SparkSession spark, String filter) {
        return new SparkReportInputs(n -> spark.catalog().tableExists(n) ? Optional.of(spark.table(n))
                : Optional.empty(), filter);
    }

    /** Opens the warehouse (base tables of the live snapshot and the derived tables) and reads its views. */
    public static SparkReportInputs fromWarehouse(SparkSession spark, String warehouse, String filter) {
        Warehouse w = Warehouse.open(spark, warehouse);
        if (w.currentSnapshot().isEmpty() && w.derivedTables().isEmpty()) {
            throw new UserFacingException("report: no warehouse at " + warehouse + " (run `bench ingest` first)");
        }
        if (w.derivedTables().isEmpty()) {   // every section reads derived tables: the report would be empty notices
            throw new UserFacingException("report: the warehouse at " + warehouse + " has been ingested but not "
                    + "analysed (no derived tables): run `bench analyze` first");
        }
        return fromViews(spark, filter);
    }

    private Dataset<Row> applyRunFilter(Dataset<Row> runs) {
        try {
            Dataset<Row> d = runs.where(filter);
            resolve(d); // unknown columns fail here, not later
            return d;
        } catch (Exception e) { // AnalysisException (checked in Java's eyes, thrown from Scala), ParseException
            throw new UserFacingException("report: bad --filter '" + filter + "': " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        return s == null ? "invalid expression" : s.lines().findFirst().orElse(s);
    }

    /**
     * Starts reading {@code names} on a few threads; {@link #table} then waits for them. Filter notes are still
     * recorded only for the tables {@link #table} is asked for.
     */
    @Override
    public void prefetch(List<String> names) {
        ExecutorService pool = ConcurrentJobs.pool("report-input-fetcher");
        for (String n : names) {
            if (!cache.containsKey(n)) {
                prefetched.computeIfAbsent(n, k -> pool.submit(() -> fetch(k)));
            }
        }
        pool.shutdown(); // the queued reads still run; the threads end after the last one
    }

    @Override
    public Optional<Table> table(String name) {
        return cache.computeIfAbsent(name, n -> {
            Future<Fetched> pending = prefetched.remove(n);
            Fetched f = pending == null ? fetch(n) : await(pending);
            if (f.note() != null) {
                notes.put(n, f.note());
            }
            return f.table();
        });
    }

    private Fetched fetch(String name) {
        Optional<Dataset<Row>> ds = source.apply(name);
        if (ds.isEmpty()) {
            return new Fetched(Optional.empty(), null);
        }
        Dataset<Row> d = name.equals(WarehouseTable.ENGINE_METRICS.tableName()) && has(ds.get(), "name")
                ? ds.get().where(functions.col("name").isin(ENGINE_METRIC_NAMES.toArray())) : ds.get();
        Restricted r = filter == null ? new Restricted(d, null) : restrict(name, d);
        return new Fetched(Optional.of(SparkTables.toTablesaw(name, r.rows())), r.note());
    }

    private static Fetched await(Future<Fetched> f) {
        try {
            return ConcurrentJobs.join(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> filterNotes() {
        return Map.copyOf(notes);
    }

    @Override
    public Optional<String> filter() {
        return Optional.ofNullable(filter);
    }

    private Restricted restrict(String name, Dataset<Row> d) {
        if (name.equals(WarehouseTable.RUNS.tableName())) {
            return new Restricted(selectedRuns, "predicate applied");
        }
        if (has(d, "run_uid")) {
            Dataset<Row> ids = selectedRuns.select("run_uid").distinct();
            Dataset<Row> withRun = d.where(functions.col("run_uid").isNotNull()).join(ids,
                    d.col("run_uid").equalTo(ids.col("run_uid")), "left_semi");
            Dataset<Row> withoutRun = d.where(functions.col("run_uid").isNull());
            return new Restricted(withRun.unionByName(byPredicateOrKeys(withoutRun).rows()),
                    "rows of the selected runs (by run_uid)");
        }
        return byPredicateOrKeys(d);
    }

    private Restricted byPredicateOrKeys(Dataset<Row> d) {
        try {
            Dataset<Row> direct = d.where(filter);
            resolve(direct);
            return new Restricted(direct, "predicate applied to the table's own columns");
        } catch (Exception notResolvable) {
            // the predicate names columns this table does not have: fall back to its identity columns
        }
        List<String> keys = new ArrayList<>();
        for (String k : KEY_COLUMNS) {
            if (has(d, k)) {
                keys.add(k);
            }
        }
        if (keys.isEmpty()) {
            return new Restricted(d, "not filtered (no run_uid, model_name, engine_group or scenario column)");
        }
        Dataset<Row> runKeys = selectedRuns.withColumn("engine_group",
                functions.coalesce(functions.col("engine_variant"), functions.col("engine")))
                .select(keys.stream().map(functions::col).toArray(Column[]::new)).distinct();
        Column cond = null;
        for (String k : keys) {
            Column eq = d.col(k).eqNullSafe(runKeys.col(k));
            if (k.equals("scenario")) {
                eq = eq.or(d.col(k).equalTo("ALL")); // aggregate rows over every scenario (goodput)
            }
            cond = cond == null ? eq : cond.and(eq);
        }
        return new Restricted(d.join(runKeys, cond, "left_semi"), "rows whose " + String.join(", ", keys)
                + " occur among the selected runs (aggregates not recomputed)");
    }

    /** Spark analyses lazily; an empty fetch makes an unresolvable predicate fail now. */
    private static void resolve(Dataset<Row> d) {
        d.limit(0).collectAsList();
    }

    private static boolean has(Dataset<Row> d, String col) {
        return List.of(d.columns()).contains(col);
    }
}

package io.enginebench.pipeline.steps;

import io.enginebench.pipeline.analysis.Analyses;
import io.enginebench.pipeline.analysis.AnalysisOptions;
import io.enginebench.pipeline.analysis.WarehouseInputs;
import io.enginebench.pipeline.compare.Comparison;
import io.enginebench.pipeline.compare.RunSelector;
import io.enginebench.pipeline.ingest.IngestJob;
import io.enginebench.pipeline.ingest.IngestSummary;
import io.enginebench.pipeline.report.ReportBuilder;
import io.enginebench.pipeline.report.SparkReportInputs;
import io.enginebench.pipeline.report.section.ReportSections;
import io.enginebench.pipeline.spark.Sessions;
import io.enginebench.pipeline.sql.SqlScript;
import io.enginebench.pipeline.sql.spark.SparkStatements;
import io.enginebench.pipeline.warehouse.SqlViews;
import io.enginebench.pipeline.warehouse.Tables;
import io.enginebench.pipeline.warehouse.Warehouse;
import io.enginebench.pipeline.warehouse.WarehouseTable;
import io.enginebench.trace.UserFacingException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The pipeline's steps as Java calls, on one warehouse: {@link #ingest}, {@link #analyze}, {@link #report} (what
 * {@code bench ingest}, {@code analyze} and {@code report} do), plus {@link #views} and {@link #query} for reading it.
 * Options records go in, result records (counts, paths, seconds) come out; nothing is printed but ingest's progress
 * ({@link #withProgress}). Failures the user can fix are {@link UserFacingException}s.
 *
 * <p>The steps run the pipeline's own jobs ({@link IngestJob}, {@link Analyses}, {@link ReportBuilder}); this class
 * only opens the warehouse for them and times them. All steps of one handle share one Spark session, started on first
 * use (a handle that only exists costs nothing):
 * <pre>{@code
 * try (PipelineSteps steps = PipelineSteps.open("warehouse")) {
 *     steps.ingest(IngestOptions.of("raw-results"));
 *     steps.analyze(AnalysisOptions.defaults());
 *     ReportResult r = steps.report(ReportOptions.defaults().withOut(Path.of("reports")));
 * }
 * }</pre>
 */
public final class PipelineSteps implements AutoCloseable {
    private static final String APP_NAME = "enginebench";
    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());

    private final String warehouse;
    private final Supplier<SparkSession> sessions;
    private final boolean stopsWhatItStarts;
    private PrintStream progress = DISCARD;
    private SparkSession spark;
    private boolean started;

    private PipelineSteps(String warehouse, Supplier<SparkSession> sessions, boolean stopsWhatItStarts) {
        if (warehouse == null || warehouse.isBlank()) throw new UserFacingException("--warehouse is empty");
        this.warehouse = warehouse;
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.stopsWhatItStarts = stopsWhatItStarts;
    }

    /**
     * The warehouse at {@code warehouse} (any Hadoop-compatible path; created by the first ingest). Spark starts on
     * first use, embedded unless a master is set from outside ({@link Sessions}); {@link #close} stops it if this
     * handle started it, not a session that was already running.
     */
    public static PipelineSteps open(String warehouse) {
        return new PipelineSteps(warehouse, () -> Sessions.getOrCreate(APP_NAME), true);
    }

    /** As {@link #open}, on the caller's session (asked for on first use); {@link #close} leaves it running. */
    public static PipelineSteps on(Supplier<SparkSession> session, String warehouse) {
        return new PipelineSteps(warehouse, session, false);
    }

    /** Where ingest reports what it found and parsed (default: nowhere). */
    public PipelineSteps withProgress(PrintStream out) {
        this.progress = Objects.requireNonNull(out, "out");
        return this;
    }

    public String warehouse() { return warehouse; }

    /** The handle's Spark session, started now if it is not yet. */
    public synchronized SparkSession session() {
        if (spark == null) {
            boolean running = SparkSession.getActiveSession().isDefined()
                    || SparkSession.getDefaultSession().isDefined();
            spark = sessions.get();
            started = !running;
        }
        return spark;
    }

    /**
     * Reads {@code options.paths()} into a new warehouse snapshot: the previous snapshot's runs plus this batch (a
     * run already stored is replaced, never doubled). A failure leaves the previous snapshot live.
     */
    public IngestResult ingest(IngestOptions options) {
        long t0 = System.nanoTime();
        try {
            IngestSummary summary = new IngestJob(Warehouse.open(session(), warehouse), progress).run(options.paths());
            return new IngestResult(summary, secondsSince(t0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Computes every derived table from the live snapshot and replaces the warehouse's derived tables with them. */
    public AnalyzeResult analyze(AnalysisOptions options) {
        long t0 = System.nanoTime();
        Warehouse wh = Warehouse.open(session(), warehouse);
        if (wh.currentSnapshot().isEmpty()) {
            throw new UserFacingException("no warehouse at " + warehouse + " (run bench ingest first)");
        }
        double opened = secondsSince(t0);
        Map<String, Double> intermediates = new LinkedHashMap<>();
        Map<String, Dataset<Row>> tables = Analyses.computeAll(WarehouseInputs.of(wh), options, intermediates::put);
        double planned = secondsSince(t0);
        Map<String, Warehouse.DerivedWrite> written;
        try {
            written = wh.writeDerived(tables);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<AnalyzeResult.DerivedTable> out = new ArrayList<>();
        for (String name : tables.keySet()) {
            Warehouse.DerivedWrite w = written.get(name);
            out.add(new AnalyzeResult.DerivedTable(name, w.rows(), w.seconds()));
        }
        return new AnalyzeResult(out, intermediates, options.enginePolicy(), opened, planned - opened,
                secondsSince(t0));
    }

    /** Writes the dated report from the warehouse's tables (run {@link #analyze} first) and rebuilds the index. */
    public ReportResult report(ReportOptions options) {
        long t0 = System.nanoTime();
        SparkReportInputs inputs = SparkReportInputs.fromWarehouse(session(), warehouse, options.filter());
        ReportBuilder.Result r = ReportSections.builder().build(inputs, options.out(), options.date());
        return new ReportResult(r.reportDir(), r.markdown(), r.html(), r.index(), r.figures(), r.tables(),
                secondsSince(t0));
    }

    /**
     * (Re)opens the warehouse in the session, registering a temporary view per base table of the live snapshot and per
     * derived table (a later ingest or analyze is picked up), and returns the names of the tables present.
     */
    public Set<String> views() {
        Warehouse w = Warehouse.open(session(), warehouse);
        Set<String> present = new TreeSet<>(w.derivedTables().keySet());
        if (w.currentSnapshot().isPresent()) {
            present.addAll(Tables.BASE);
            SqlViews.register(session());   // after the base tables: a view reads the requests registered before it
            present.addAll(WarehouseTable.namesOf(WarehouseTable.Kind.VIEW));
        }
        return present;
    }

    /**
     * Judges the candidate runs against the baseline runs cell by cell (docs/REPORTS.md, "bench compare"): the
     * comparison computes what it needs from the live snapshot, the derived tables are neither read nor replaced.
     */
    public Comparison compare(RunSelector baseline, RunSelector candidate) {
        if (!views().contains(WarehouseTable.RUNS.tableName())) {
            throw new UserFacingException("no warehouse at " + warehouse + " (run bench ingest first)");
        }
        return Comparison.of(session(), baseline, candidate);
    }

    /** Runs Spark SQL statements ({@code ;}-separated) over the warehouse's views; the last one's rows. */
    public Dataset<Row> query(String statements) {
        views();
        return SparkStatements.run(session(), SqlScript.split(statements));
    }

    /** Stops the Spark session if this handle started it. */
    @Override
    public synchronized void close() {
        if (spark != null && started && stopsWhatItStarts) spark.stop();
        spark = null;
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}

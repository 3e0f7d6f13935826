package io.enginebench.pipeline.ingest;

import io.enginebench.pipeline.analysis.AnalysisOptions;
import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.pipeline.steps.IngestOptions;
import io.enginebench.pipeline.steps.PipelineSteps;
import io.enginebench.pipeline.steps.ReportOptions;
import io.enginebench.pipeline.steps.ReportResult;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunJournal;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the engine died under (aborted, or resumed after an outage) are ingested with their status and flagged in
 * data_quality; their requests stay queryable, they stay in run_summary, and they are left out of cell_summary and
 * listed with their reason in the report.
 */
class EngineDownRunTest {
    private static final String HEALTHY = "11111111-0000-0000-0000-000000000001";
    private static final String ABORTED = "22222222-0000-0000-0000-000000000002";
    private static final String RESUMED = "33333333-0000-0000-0000-000000000003";

    @TempDir
    Path tmp;

    private void write(String runId, RunStatus status, List<RunManifest.Outage> outages, String reason)
            throws Exception {
        RunFolder folder = new RunFolder(tmp.resolve("raw").resolve(runId));
        folder.writeManifest(NativeRunContractTest.manifest(runId, false));
        try (RunJournal journal = RunJournal.open(folder.dir())) {
            journal.record(NativeRunContractTest.request(runId, 0, "ok", 4, true));
            journal.record(NativeRunContractTest.request(runId, 1, status == RunStatus.ABORTED ? "connect_error" : "ok",
                    4, true));
        }
        folder.seal(folder.readManifest().withOutages(outages, reason), status);
    }

    @Test
    void engineDownRunsAreFlaggedKeptQueryableAndLeftOutOfComparisons() throws Exception {
        write(HEALTHY, RunStatus.COMPLETE, null, null);
        write(ABORTED, RunStatus.ABORTED, List.of(new RunManifest.Outage(5_000L, null, 5, 40, null)),
                RunManifest.ENGINE_UNREACHABLE);
        write(RESUMED, RunStatus.COMPLETE, List.of(new RunManifest.Outage(5_000L, 2_000_005_000L, 5, 3, false)), null);
        try (PipelineSteps steps = PipelineSteps.on(SharedSpark::get, tmp.resolve("wh").toString())
                .withProgress(NativeRunContractTest.QUIET)) {
            assertThat(steps.ingest(IngestOptions.of(tmp.resolve("raw").toString())).ingested()).isEqualTo(3);
            assertThat(rows(steps, "SELECT run_uid, status FROM runs ORDER BY run_uid")).containsExactly(
                    "[" + HEALTHY + ",complete]", "[" + ABORTED + ",aborted]", "[" + RESUMED + ",complete]");
            assertThat(rows(steps, "SELECT run_uid, rule, severity FROM data_quality WHERE rule IN "
                    + "('run_aborted', 'engine_outage') ORDER BY run_uid")).containsExactly(
                    "[" + ABORTED + ",run_aborted,error]", "[" + RESUMED + ",engine_outage,warning]");
            assertThat(steps.query("SELECT count(*) FROM requests WHERE run_uid = '" + ABORTED + "'").first()
                    .getLong(0)).isEqualTo(2L);

            steps.analyze(AnalysisOptions.defaults());
            assertThat(steps.query("SELECT count(DISTINCT run_uid) FROM run_summary").first().getLong(0))
                    .isEqualTo(3L);
            // one healthy run is all the cell pools
            assertThat(steps.query("SELECT max(n) FROM cell_summary").first().getLong(0)).isEqualTo(1L);

            ReportResult report = steps.report(ReportOptions.defaults().withOut(tmp.resolve("reports"))
                    .withDate(LocalDate.of(2026, 12, 7)));
            assertThat(Files.readString(report.markdown())).contains("Runs the engine died under", ABORTED, RESUMED,
                    "engine_unreachable");
        }
    }

    private static List<String> rows(PipelineSteps steps, String sql) {
        return steps.query(sql).collectAsList().stream().map(Row::toString).toList();
    }
}

package io.enginebench.pipeline.steps;

import io.enginebench.pipeline.analysis.AnalysisOptions;
import io.enginebench.pipeline.analysis.EnginePolicy;
import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.trace.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ingest → analyze → report through the API on the hand-written legacy fixtures (src/test/resources/legacy). */
class PipelineStepsTest {
    static final Path LEGACY = Path.of("src/test/resources/legacy").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void ingestAnalyzeAndReportOnOneHandle() throws Exception {
        Path reports = tmp.resolve("reports");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        try (PipelineSteps steps = PipelineSteps.on(SharedSpark::get, tmp.resolve("wh").toString())
                .withProgress(new PrintStream(progress, true, StandardCharsets.UTF_8))) {
            IngestResult ingested = steps.ingest(IngestOptions.of(LEGACY.toString()));
            // five legacy runs and one matrix manifest stored, four broken files set aside (LegacyIngestTest)
            assertThat(ingested.ingested()).isEqualTo(6);
            assertThat(ingested.quarantined()).isEqualTo(4);
            assertThat(ingested.duplicates()).isEqualTo(1);
            assertThat(progress.toString(StandardCharsets.UTF_8)).startsWith("ingest: found 10 legacy result files");
            assertThat(tmp.resolve("wh/CURRENT")).content().isEqualToIgnoringNewLines(ingested.snapshot());

            AnalyzeResult analyzed = steps.analyze(AnalysisOptions.defaults()
                    .withEnginePolicy(EnginePolicy.LEGACY_MERGE_SPEC));
            assertThat(analyzed.enginePolicy()).isEqualTo(EnginePolicy.LEGACY_MERGE_SPEC);
            assertThat(analyzed.tables()).extracting(AnalyzeResult.DerivedTable::name)
                    .startsWith("run_summary", "cell_summary").contains("winners", "data_quality_summary");
            assertThat(analyzed.tables()).filteredOn(t -> t.name().equals("run_summary"))
                    .singleElement().satisfies(t -> assertThat(t.rows()).isPositive());
            assertThat(analyzed.intermediates()).containsKeys("runs", "measured", "run_summary");
            assertThat(analyzed.seconds()).isGreaterThanOrEqualTo(analyzed.openSeconds() + analyzed.planSeconds());
            for (AnalyzeResult.DerivedTable t : analyzed.tables()) {
                assertThat(tmp.resolve("wh/derived-csv/" + t.name() + ".csv")).isRegularFile();
            }

            ReportResult report = steps.report(ReportOptions.defaults().withOut(reports)
                    .withDate(LocalDate.of(2026, 1, 2)));
            assertThat(report.reportDir()).isEqualTo(reports.resolve("2026-01-02"));
            assertThat(report.html()).isRegularFile();
            assertThat(report.index()).isEqualTo(reports.resolve("index.html")).isRegularFile();
            assertThat(report.figures()).isPositive();
            assertThat(report.tables()).isPositive();
            assertThat(Files.readString(report.markdown())).contains("gemma-2-2b-it");

            assertThat(steps.views()).contains("runs", "requests", "run_summary", "winners");
            assertThat(steps.query("SELECT count(*) FROM runs").first().getLong(0))
                    .isEqualTo(steps.query("SELECT count(DISTINCT run_uid) FROM run_summary").first().getLong(0))
                    .isEqualTo(5L);
        }
        assertThat(SharedSpark.get().sparkContext().isStopped()).as("a caller's session outlives the handle").isFalse();
    }

    @Test
    void analyzeBeforeAnyIngestSaysWhatToRunFirst() {
        String wh = tmp.resolve("empty").toString();
        try (PipelineSteps steps = PipelineSteps.on(SharedSpark::get, wh)) {
            assertThatThrownBy(() -> steps.analyze(AnalysisOptions.defaults()))
                    .isInstanceOf(UserFacingException.class)
                    .hasMessage("no warehouse at " + wh + " (run bench ingest first)");
            assertThatThrownBy(() -> steps.report(ReportOptions.defaults().withOut(tmp.resolve("reports"))))
                    .isInstanceOf(UserFacingException.class).hasMessageContaining("run `bench ingest` first");
        }
        assertThat(tmp.resolve("reports")).doesNotExist();
    }

    @Test
    void reportOnAnIngestedButUnanalysedWarehouseSaysToRunBenchAnalyze() {
        String wh = tmp.resolve("wh").toString();
        try (PipelineSteps steps = PipelineSteps.on(SharedSpark::get, wh)) {
            steps.ingest(IngestOptions.of(LEGACY.toString()));
            assertThatThrownBy(() -> steps.report(ReportOptions.defaults().withOut(tmp.resolve("reports"))))
                    .isInstanceOf(UserFacingException.class)
                    .hasMessageContaining("not analysed").hasMessageContaining("run `bench analyze` first");
        }
        assertThat(tmp.resolve("reports")).doesNotExist();
    }
}

package io.enginebench.pipeline.steps;

import io.enginebench.pipeline.analysis.AnalysisOptions;
import io.enginebench.pipeline.analysis.EnginePolicy;
import io.enginebench.pipeline.analysis.Slo;
import io.enginebench.trace.UserFacingException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The steps' options are checked when they are built, before any step (or Spark) starts. */
class StepOptionsTest {
    @Test
    void ingestNeedsAtLeastOnePathAndNoEmptyOne() {
        assertThatThrownBy(() -> new IngestOptions(List.of())).isInstanceOf(UserFacingException.class)
                .hasMessage("ingest: give at least one PATH");
        assertThatThrownBy(() -> new IngestOptions(null)).isInstanceOf(UserFacingException.class);
        assertThatThrownBy(() -> IngestOptions.of("runs", " ")).isInstanceOf(UserFacingException.class)
                .hasMessage("ingest: a PATH is empty");
    }

    @Test
    void ingestKeepsItsOwnCopyOfThePaths() {
        List<String> paths = new ArrayList<>(List.of("a", "b"));
        IngestOptions o = new IngestOptions(paths);
        paths.add("c");
        assertThat(o.paths()).containsExactly("a", "b");
    }

    @Test
    void reportDefaultsToReportsTodayAndEveryRun() {
        ReportOptions d = ReportOptions.defaults();
        assertThat(d.out()).isEqualTo(Path.of("reports"));
        assertThat(d.date()).isEqualTo(LocalDate.now(ZoneOffset.UTC));
        assertThat(d.filter()).isNull();

        ReportOptions o = d.withOut(Path.of("r")).withDate(LocalDate.of(2026, 1, 2)).withFilter("  NOT simulated ");
        assertThat(o).isEqualTo(new ReportOptions(Path.of("r"), LocalDate.of(2026, 1, 2), "NOT simulated"));
        assertThat(o.withFilter(" ").filter()).as("a blank filter selects every run").isNull();
    }

    @Test
    void reportRefusesAMissingFolderOrDate() {
        assertThatThrownBy(() -> ReportOptions.defaults().withOut(null)).isInstanceOf(UserFacingException.class);
        assertThatThrownBy(() -> ReportOptions.defaults().withDate(null)).isInstanceOf(UserFacingException.class);
    }

    @Test
    void reportDateFlagIsIsoOrToday() {
        assertThat(ReportOptions.parseDate("2026-11-28")).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(ReportOptions.parseDate(null)).isEqualTo(LocalDate.now(ZoneOffset.UTC));
        assertThatThrownBy(() -> ReportOptions.parseDate("28.11.2026")).isInstanceOf(UserFacingException.class)
                .hasMessage("report: --date must be YYYY-MM-DD, got '28.11.2026'");
    }

    @Test
    void analysisDefaultsToTheDefaultSloWithSpecVariantsApart() {
        AnalysisOptions d = AnalysisOptions.defaults();
        assertThat(d.slos()).containsExactly(Slo.DEFAULT);
        assertThat(d.enginePolicy()).isEqualTo(EnginePolicy.SPEC_SEPARATE);

        AnalysisOptions o = d.withSlos(List.of(Slo.parse("100:35"), Slo.parse("200:50:4000")))
                .withEnginePolicy(EnginePolicy.LEGACY_MERGE_SPEC);
        assertThat(o.slos()).extracting(Slo::label).containsExactly("100:35", "200:50:4000");
        assertThat(o.enginePolicy()).isEqualTo(EnginePolicy.LEGACY_MERGE_SPEC);
        assertThat(o.withSlos(List.of()).slos()).as("no SLO given: the default").containsExactly(Slo.DEFAULT);
        assertThatThrownBy(() -> d.withEnginePolicy(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aHandleNeedsAWarehouseAndStartsNoSparkUntilAStepRuns() {
        assertThatThrownBy(() -> PipelineSteps.open(" ")).isInstanceOf(UserFacingException.class)
                .hasMessage("--warehouse is empty");
        try (PipelineSteps steps = PipelineSteps.on(() -> {
            throw new AssertionError("no step ran: no session wanted");
        }, "wh")) {
            assertThat(steps.warehouse()).isEqualTo("wh");
        }
    }
}

package io.enginebench.pipeline.report;

import io.enginebench.pipeline.quality.Finding;
import io.enginebench.pipeline.quality.FindingScope;
import io.enginebench.pipeline.quality.Rules;
import io.enginebench.pipeline.report.section.Headline;
import io.enginebench.pipeline.report.section.ReportSections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every headline cell names the load it compares; arms, levels and latency bases are never mixed. */
class HeadlineLoadsTest {
    @TempDir
    Path tmp;

    private String headline(Map<String, Table> tables) throws IOException {
        String md = Files.readString(ReportSections.builder().build(ReportInputs.of(tables), tmp, LocalDate.of(2026, 12, 1))
                .markdown());
        return md.substring(md.indexOf("## Headline"), md.indexOf("## Single-request latency"));
    }

    private static Table winners() {
        Table t = Table.create("winners");
        for (String c : new String[] {"model_name", "scenario", "config_hash", "scope", "arm", "latency_basis",
                "metric", "engine_a", "engine_b", "verdict", "rule"}) {
            t.addColumns(StringColumn.create(c));
        }
        t.addColumns(IntColumn.create("max_tokens"), IntColumn.create("level_index"), IntColumn.create("concurrency"),
                DoubleColumn.create("target_rate"), IntColumn.create("n_a"), IntColumn.create("n_b"),
                DoubleColumn.create("mean_a"), DoubleColumn.create("mean_b"), DoubleColumn.create("ci95_a"),
                DoubleColumn.create("ci95_b"));
        return t;
    }

    /** A row where engine b (vllm) wins with the given means, or a tie. */
    private static void row(Table t, String scenario, String scope, Integer level, Integer c, Double rate, String arm,
                            String basis, String metric, double a, double b, String verdict) {
        t.stringColumn("model_name").append("m");
        t.stringColumn("scenario").append(scenario);
        t.stringColumn("config_hash").append("cfg00001aaaaaaaa");
        t.stringColumn("scope").append(scope);
        t.stringColumn("arm").append(arm);
        t.stringColumn("latency_basis").append(basis);
        t.stringColumn("metric").append(metric);
        t.stringColumn("engine_a").append("sglang");
        t.stringColumn("engine_b").append("vllm");
        t.stringColumn("verdict").append(verdict);
        t.stringColumn("rule").append(Headline.WINNER_RULE_DEFAULT);
        t.intColumn("max_tokens").append(256);
        if (level == null) t.intColumn("level_index").appendMissing(); else t.intColumn("level_index").append(level);
        if (c == null) t.intColumn("concurrency").appendMissing(); else t.intColumn("concurrency").append(c);
        if (rate == null) t.doubleColumn("target_rate").appendMissing(); else t.doubleColumn("target_rate").append(rate);
        t.intColumn("n_a").append(3);
        t.intColumn("n_b").append(3);
        t.doubleColumn("mean_a").append(a);
        t.doubleColumn("mean_b").append(b);
        t.doubleColumn("ci95_a").append(1.0);
        t.doubleColumn("ci95_b").append(1.0);
    }

    private static Map<String, Table> with(Table winners) {
        Map<String, Table> tables = SyntheticInputs.tables();
        tables.put("winners", winners);
        return tables;
    }

    @Test
    void aRampIsComparedLevelByLevelAndEachRowNamesItsLevel() throws IOException {
        Table w = winners();
        row(w, "throughput_ramp", "run", null, null, null, null, "sent", "output_tps_whole_run", 50, 60, "b");
        row(w, "throughput_ramp", "level", 0, 1, null, null, "sent", "output_tps", 20, 21, "tie");
        row(w, "throughput_ramp", "level", 1, 16, null, null, "sent", "output_tps", 100, 200, "b");
        row(w, "throughput_ramp", "level", 2, 2, null, null, "sent", "output_tps", 40, 50, "b");
        String h = headline(with(w));
        String pair = " | sent | sglang vs vllm | 3/3 | ";
        assertThat(h).contains("| throughput_ramp | m | 256 | cfg00001 | c=1" + pair + "tie |")
                .contains("| throughput_ramp | m | 256 | cfg00001 | c=16" + pair + "vllm +100.0% |")
                .contains("| throughput_ramp | m | 256 | cfg00001 | c=2" + pair + "vllm +25.0% |");
        // levels in numeric order; the whole-run mix is no headline cell
        assertThat(h.indexOf("| c=2 |")).isLessThan(h.indexOf("| c=16 |"));
        assertThat(h).doesNotContain("vllm +20.0%").contains("- `vllm` wins 2\n- tie 1\n");
    }

    @Test
    void aTwoArmScenarioNeverMixesItsArmsInOneCell() throws IOException {
        Table w = winners();
        row(w, "prefix_sharing_benefit", "run", null, 4, null, null, "sent", "ttft_ms_p50", 30, 40, "a");
        row(w, "prefix_sharing_benefit", "arm", null, 4, null, "shared", "sent", "ttft_ms_p50", 10, 20, "a");
        row(w, "prefix_sharing_benefit", "arm", null, 4, null, "unique", "sent", "ttft_ms_p50", 50, 40, "b");
        String h = headline(with(w));
        assertThat(h).contains("| arm shared · c=4 | sent | sglang vs vllm | 3/3 | – | sglang +50.0% |")
                .contains("| arm unique · c=4 | sent | sglang vs vllm | 3/3 | – | vllm +20.0% |")
                .doesNotContain("sglang +25.0%");
    }

    @Test
    void openLoopRowsCompareLatencyFromTheScheduledSend() throws IOException {
        Table w = winners();
        row(w, "rate_sweep", "run", 0, 64, 8.0, null, "scheduled", "ttft_sched_ms_p50", 900, 100, "b");
        row(w, "rate_sweep", "run", 0, 64, 8.0, null, "scheduled", "ttft_ms_p50", 10, 20, "a");
        String h = headline(with(w));
        assertThat(h).contains("| rate_sweep | m | 256 | cfg00001 | rate 8/s | scheduled | sglang vs vllm | 3/3 | – "
                + "| vllm +88.9% |").doesNotContain("sglang +50.0%");
    }

    @Test
    void sloSearchesAreComparedOnTheirSustainableRate() throws IOException {
        Table w = winners();
        row(w, "slo_search", "slo_search", null, null, null, null, "scheduled", "sustainable_rate", 4, 8, "b");
        Map<String, Table> tables = with(w);
        Table s = Table.create("slo_search");
        for (String c : new String[] {"model_name", "engine_group", "config_hash", "latency_basis", "scope",
                "run_intervals"}) {
            s.addColumns(StringColumn.create(c));
        }
        s.addColumns(IntColumn.create("max_tokens"), IntColumn.create("n"), DoubleColumn.create("mean"),
                DoubleColumn.create("ci95_halfwidth"), DoubleColumn.create("confidence"));
        for (String e : new String[] {"sglang", "vllm"}) {
            boolean v = e.equals("vllm");
            s.stringColumn("model_name").append("m");
            s.stringColumn("engine_group").append(e);
            s.stringColumn("config_hash").append("cfg00001aaaaaaaa");
            s.stringColumn("latency_basis").append("scheduled");
            s.stringColumn("scope").append("cell");
            s.stringColumn("run_intervals").append(v ? "1: [8.0, 9.0]; 2: [8.0, 9.0]; 3: [8.0, 9.0]"
                    : "1: [4.0, 5.0]; 2: [4.0, 5.0]; 3: [4.0, 5.0]");
            s.intColumn("max_tokens").append(256);
            s.intColumn("n").append(3);
            s.doubleColumn("mean").append(v ? 8 : 4);
            s.doubleColumn("ci95_halfwidth").append(0.5);
            s.doubleColumn("confidence").append(0.95);
        }
        tables.put("slo_search", s);
        String h = headline(tables);
        assertThat(h).contains("### SLO search: highest sustainable rate")
                .contains("1: [8.0, 9.0]; 2: [8.0, 9.0]; 3: [8.0, 9.0]")
                .contains("| m | cfg00001 | sglang vs vllm | 3/3 | vllm +100.0% |");
    }

    @Test
    void aRowWhoseLevelDidNotHoldItsLabelIsFlaggedInTheHeadline() throws IOException {
        String model = "Llama-3.1-8B";   // SyntheticInputs' runs, so findings map to their cells
        Table w = winners();
        row(w, "throughput_ramp", "level", 5, 32, null, null, "sent", "output_tps", 100, 200, "b");
        row(w, "throughput_ramp", "level", 6, 64, null, null, "sent", "output_tps", 100, 300, "b");
        for (int i = 0; i < w.rowCount(); i++) {
            w.stringColumn("model_name").set(i, model);
        }
        Map<String, Table> tables = with(w);
        String uid = SyntheticInputs.uid(model, "vllm", "throughput_ramp");
        Table dq = CellFlagsTest.dataQuality(java.util.List.of(new Finding(uid, "raw/ramp",
                Rules.CONCURRENCY_BELOW_LABEL, Finding.WARNING, "achieved 8.00", FindingScope.level(6, 64, null))));
        tables.put("data_quality", dq);
        String h = headline(tables);
        assertThat(h).containsPattern("\\| c=64 \\| sent \\| sglang vs vllm \\| 3/3 \\| concurrency_below_label \\| vllm \\+200.0%")
                .containsPattern("\\| c=32 \\| sent \\| sglang vs vllm \\| 3/3 \\|  \\| vllm \\+100.0%")
                .contains("`concurrency_below_label` (mean requests in flight below 90 %");
        assertThat(headline(with(w))).as("no findings: no flags column").doesNotContain("| flags |");
    }
}

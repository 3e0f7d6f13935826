package io.enginebench.pipeline.report;

import io.enginebench.pipeline.quality.Finding;
import io.enginebench.pipeline.quality.FindingScope;
import io.enginebench.pipeline.quality.Rules;
import io.enginebench.pipeline.report.section.DataQuality;
import io.enginebench.pipeline.report.section.ThroughputRamps;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Label findings show next to exactly the cells they affect. */
class CellFlagsTest {
    private static final String MODEL = "Llama-3.1-8B";
    private static final String RAMP = SyntheticInputs.uid(MODEL, "vllm", "throughput_ramp");

    /** The 64 level of vllm's Llama ramp ran below its label; sglang's prefix run dropped ignore_eos. */
    private static Table findings() {
        return dataQuality(List.of(
                new Finding(RAMP, "raw/" + RAMP, Rules.CONCURRENCY_BELOW_LABEL, Finding.WARNING, "achieved 8.00",
                        FindingScope.level(6, 64, null)),
                new Finding(SyntheticInputs.uid(MODEL, "sglang", "prefix_sharing_benefit"), "raw/prefix",
                        Rules.IGNORE_EOS_NOT_HONOURED, Finding.WARNING, "1 of 4 ok requests"),
                new Finding(RAMP, "raw/" + RAMP, Rules.FAILED_REQUESTS, Finding.WARNING, "not a label rule")));
    }

    /** A {@code data_quality} table as the report reads it (the warehouse's columns). */
    static Table dataQuality(List<Finding> findings) {
        Table dq = Table.create("data_quality", StringColumn.create("run_uid"), StringColumn.create("source_path"),
                StringColumn.create("rule"), StringColumn.create("severity"), StringColumn.create("detail"),
                IntColumn.create("level_index"), IntColumn.create("concurrency"), DoubleColumn.create("target_rate"),
                StringColumn.create("arm"));
        for (Finding f : findings) {
            dq.stringColumn("run_uid").append(f.runUid());
            dq.stringColumn("source_path").append(f.sourcePath());
            dq.stringColumn("rule").append(f.rule());
            dq.stringColumn("severity").append(f.severity());
            dq.stringColumn("detail").append(f.detail());
            FindingScope s = f.scope();
            if (s.levelIndex() == null) dq.intColumn("level_index").appendMissing();
            else dq.intColumn("level_index").append(s.levelIndex());
            if (s.concurrency() == null) dq.intColumn("concurrency").appendMissing();
            else dq.intColumn("concurrency").append(s.concurrency());
            if (s.targetRate() == null) dq.doubleColumn("target_rate").appendMissing();
            else dq.doubleColumn("target_rate").append(s.targetRate());
            dq.stringColumn("arm").append(s.arm() == null ? "" : s.arm());
        }
        return dq;
    }

    private static CellFlags.CellKey cell(String engine, String scenario, Integer level, Integer concurrency) {
        return new CellFlags.CellKey(MODEL, engine, scenario, null, null, level, concurrency, null, null);
    }

    @Test
    void aLevelFindingFlagsThatLevelAndTheWholeRunCellOnly() {
        CellFlags flags = CellFlags.of(SyntheticInputs.runs(), findings());
        assertThat(flags.rules(cell("vllm", "throughput_ramp", 6, 64))).containsExactly(Rules.CONCURRENCY_BELOW_LABEL);
        assertThat(flags.rules(cell("vllm", "throughput_ramp", 5, 32))).isEmpty();
        assertThat(flags.rules(cell("vllm", "throughput_ramp", null, null)))
                .as("a whole-run figure includes the level").containsExactly(Rules.CONCURRENCY_BELOW_LABEL);
        assertThat(flags.rules(cell("sglang", "throughput_ramp", 6, 64))).isEmpty();
        assertThat(flags.rules(cell("sglang", "prefix_sharing_benefit", null, 8)))
                .containsExactly(Rules.IGNORE_EOS_NOT_HONOURED);
        assertThat(flags.rules(new CellFlags.CellKey(null, null, null, null, RAMP, null, null, null, null)))
                .containsExactly(Rules.CONCURRENCY_BELOW_LABEL);
    }

    @Test
    void rampTablesShowAFlagsColumnAndItsNote() {
        Map<String, Table> tables = SyntheticInputs.tables();
        tables.put("data_quality", findings());
        List<Block> blocks = new ThroughputRamps().blocks(new SectionKit(ReportInputs.of(tables)));
        Block.TableBlock ramp = blocks.stream().filter(b -> b instanceof Block.TableBlock)
                .map(b -> (Block.TableBlock) b).filter(t -> t.csvName().startsWith("throughput-ramp"))
                .findFirst().orElseThrow();
        int flagsAt = ramp.header().indexOf(CellFlags.COLUMN);
        int engineAt = ramp.header().indexOf("engine_group");
        int concurrencyAt = ramp.header().indexOf("concurrency");
        assertThat(flagsAt).isPositive();
        List<List<String>> flagged = ramp.rows().stream().filter(r -> !r.get(flagsAt).isEmpty()).toList();
        assertThat(flagged).singleElement().satisfies(r -> {
            assertThat(r.get(flagsAt)).isEqualTo(Rules.CONCURRENCY_BELOW_LABEL);
            assertThat(r.get(engineAt)).isEqualTo("vllm");
            assertThat(r.get(concurrencyAt)).isEqualTo("64");
        });
        assertThat(blocks).anySatisfy(b -> assertThat(b).isInstanceOfSatisfying(Block.Notice.class,
                n -> assertThat(n.text()).contains("`concurrency_below_label` (mean requests in flight below 90 %")));
    }

    @Test
    void dataQualityListsTheLabelFindings() {
        Map<String, Table> tables = SyntheticInputs.tables();
        tables.put("data_quality", findings());
        List<Block> blocks = new DataQuality().blocks(new SectionKit(ReportInputs.of(tables)));
        Block.TableBlock labels = blocks.stream().filter(b -> b instanceof Block.TableBlock)
                .map(b -> (Block.TableBlock) b).filter(t -> t.csvName().startsWith("data-quality-labels"))
                .findFirst().orElseThrow();
        assertThat(labels.rows()).extracting(r -> r.get(0))
                .containsExactly(Rules.CONCURRENCY_BELOW_LABEL, Rules.IGNORE_EOS_NOT_HONOURED);
    }

    @Test
    void tablesWithoutLabelFindingsAreUnchanged() {
        Map<String, Table> tables = SyntheticInputs.tables();
        List<Block> blocks = new ThroughputRamps().blocks(new SectionKit(ReportInputs.of(tables)));
        assertThat(blocks).filteredOn(b -> b instanceof Block.TableBlock)
                .allSatisfy(b -> assertThat(((Block.TableBlock) b).header()).doesNotContain(CellFlags.COLUMN));
    }
}

package io.enginebench.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.enginebench.pipeline.quality.FindingScope;
import io.enginebench.pipeline.quality.Rules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Label findings show next to exactly the cells they affect. */
class CellFlagsTest {
    private static final String MODEL = "Llama-3.1-8B";
    private static final String RAMP = SyntheticInputs.uid(MODEL, "vllm", "throughput_ramp");

    /** The 64 level of vllm's Llama ramp ran below its label; sglang's prefix run dropped ignore_eos. */
    private static Table findings() {
        Table dq = Table.create("data_quality", StringColumn.create("run_uid"), StringColumn.create("source_path"),
                StringColumn.create("rule"), StringColumn.create("severity"), StringColumn.create("detail"));
        add(dq, RAMP, Rules.CONCURRENCY_BELOW_LABEL, FindingScope.level(6, 64, null).detail("achieved 8.00"));
        add(dq, SyntheticInputs.uid(MODEL, "sglang", "prefix_sharing_benefit"), Rules.IGNORE_EOS_NOT_HONOURED,
                "1 of 4 ok requests");
        add(dq, RAMP, Rules.FAILED_REQUESTS, "not a label rule");
        return dq;
    }

    private static void add(Table dq, String uid, String rule, String detail) {
        dq.stringColumn("run_uid").append(uid);
        dq.stringColumn("source_path").append("raw/" + uid);
        dq.stringColumn("rule").append(rule);
        dq.stringColumn("severity").append("warning");
        dq.stringColumn("detail").append(detail);
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
        List<Block> blocks = new ReportSections(new SectionKit(ReportInputs.of(tables))).throughputRamps();
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
        List<Block> blocks = new ReportSections(new SectionKit(ReportInputs.of(tables))).dataQuality();
        Block.TableBlock labels = blocks.stream().filter(b -> b instanceof Block.TableBlock)
                .map(b -> (Block.TableBlock) b).filter(t -> t.csvName().startsWith("data-quality-labels"))
                .findFirst().orElseThrow();
        assertThat(labels.rows()).extracting(r -> r.get(0))
                .containsExactly(Rules.CONCURRENCY_BELOW_LABEL, Rules.IGNORE_EOS_NOT_HONOURED);
    }

    @Test
    void tablesWithoutLabelFindingsAreUnchanged() {
        Map<String, Table> tables = SyntheticInputs.tables();
        List<Block> blocks = new ReportSections(new SectionKit(ReportInputs.of(tables))).throughputRamps();
        assertThat(blocks).filteredOn(b -> b instanceof Block.TableBlock)
                .allSatisfy(b -> assertThat(((Block.TableBlock) b).header()).doesNotContain(CellFlags.COLUMN));
    }
}

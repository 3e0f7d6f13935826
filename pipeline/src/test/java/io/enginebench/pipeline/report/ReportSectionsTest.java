package io.enginebench.pipeline.report;

import io.enginebench.pipeline.report.section.EngineOutages;
import io.enginebench.pipeline.report.section.ReportSections;
import io.enginebench.pipeline.warehouse.WarehouseTable;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class ReportSectionsTest {

    private static List<String> headings(List<Block> blocks) {
        List<String> out = new ArrayList<>();
        for (Block b : blocks) {
            if (b instanceof Block.Heading h && h.level() == 2) {
                out.add(h.anchor());
            }
        }
        return out;
    }

    @Test
    void theSectionsComeInTheReportsOrderEachUnderOneHeading() {
        SectionKit kit = new SectionKit(ReportInputs.of(SyntheticInputs.tables()));
        List<String> anchors = new ArrayList<>();
        for (ReportSection s : ReportSections.ALL) {
            List<String> own = headings(s.blocks(kit));
            // the engine-outage section only shows when a run lost its engine (none in the synthetic tables)
            assertThat(own).as(s.getClass().getSimpleName()).hasSize(s instanceof EngineOutages ? 0 : 1);
            anchors.addAll(own);
        }
        assertThat(anchors).containsExactly("headline", "single-request-latency", "throughput", "long-context",
                "prefix-sharing", "structured", "decode-sweep", "concurrency-64", "speculative", "goodput", "variance",
                "distributions", "tradeoff", "timelines", "historical", "data-quality", "methodology", "environment");
    }

    @Test
    void runsTheEngineDiedUnderAreListedWithTheirReasonBeforeDataQuality() {
        Map<String, Table> tables = new java.util.HashMap<>(SyntheticInputs.tables());
        Table dq = Table.create("data_quality", StringColumn.create("rule", List.of("run_aborted", "engine_outage",
                        "client_bound")), StringColumn.create("run_uid", List.of("r-1", "r-2", "r-3")),
                StringColumn.create("source_path", List.of("raw/r-1", "raw/r-2", "raw/r-3")),
                StringColumn.create("severity", List.of("error", "warning", "error")),
                StringColumn.create("detail", List.of("run aborted (engine_unreachable): …", "the engine stopped …",
                        "client")));
        tables.put("data_quality", dq);
        SectionKit kit = new SectionKit(name -> Optional.ofNullable(tables.get(name)));
        List<Block> blocks = new EngineOutages().blocks(kit);
        assertThat(headings(blocks)).containsExactly("engine-outages");
        String text = blocks.toString();
        assertThat(text).contains("r-1", "r-2", "engine_unreachable").doesNotContain("r-3");
        List<String> order = ReportSections.ALL.stream().map(s -> s.getClass().getSimpleName()).toList();
        assertThat(order.indexOf("EngineOutages")).isEqualTo(order.indexOf("DataQuality") - 1);
    }

    @Test
    void eachSectionReadsOnlyTheRegistryTablesItDeclares() {
        Map<String, Table> tables = SyntheticInputs.tables();
        for (ReportSection s : ReportSections.ALL) {
            Set<String> requested = new TreeSet<>();
            SectionKit kit = new SectionKit(name -> {
                requested.add(name);
                return Optional.ofNullable(tables.get(name));
            });
            requested.clear();   // what the kit itself read
            s.blocks(kit);
            Set<String> allowed = new TreeSet<>();
            for (WarehouseTable t : s.tables()) {
                allowed.add(t.tableName());
            }
            SectionKit.TABLES.forEach(t -> allowed.add(t.tableName()));   // the kit's cell flags
            assertThat(requested).as(s.getClass().getSimpleName()).isSubsetOf(allowed);
            assertThat(s.tables()).as(s.getClass().getSimpleName()).isNotEmpty().doesNotHaveDuplicates();
        }
    }
}

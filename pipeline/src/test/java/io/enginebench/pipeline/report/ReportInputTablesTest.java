package io.enginebench.pipeline.report;

import io.enginebench.pipeline.report.section.ReportSections;
import io.enginebench.pipeline.warehouse.WarehouseTable;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReportInputTablesTest {

    @Test
    void theReportReadsOnlyTablesItAnnouncesForPrefetching() {
        Map<String, Table> tables = SyntheticInputs.tables();
        List<String> requested = new ArrayList<>();
        List<String> announced = new ArrayList<>();
        ReportSections.builder().blocks(new ReportInputs() {
            @Override
            public Optional<Table> table(String name) {
                requested.add(name);
                return Optional.ofNullable(tables.get(name));
            }

            @Override
            public void prefetch(List<String> names) {
                announced.addAll(names);
            }
        });
        assertThat(requested).isNotEmpty();
        assertThat(announced).isEqualTo(ReportSections.builder().tables().stream().map(WarehouseTable::tableName).toList())
                .containsAll(requested);
    }
}

package io.enginebench.dashboard.results;

import io.enginebench.pipeline.warehouse.WarehouseTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A warehouse that was ingested but not analysed: the results browser says which command creates what it lacks. */
class UnanalysedWarehouseResultsTest {
    @TempDir Path tmp;

    /** Base tables only, as after bench ingest. */
    private static final class IngestedOnly implements ResultsSource {
        @Override public boolean available() { return true; }
        @Override public boolean has(WarehouseTable table) { return table.kind() != WarehouseTable.Kind.DERIVED; }
        @Override public List<Map<String, Object>> runs(RunFilter filter) { return List.of(Map.of("run_uid", "r1")); }
        @Override public Optional<Map<String, Object>> run(String runUid) {
            return "r1".equals(runUid) ? Optional.of(Map.of("run_uid", "r1")) : Optional.empty();
        }
        @Override public List<Map<String, Object>> runSummary(String runUid) { return List.of(); }
        @Override public List<Map<String, Object>> winners(String scenario, String modelName) { return List.of(); }
        @Override public List<Map<String, Object>> cellSummary(String scenario, String modelName) { return List.of(); }
        @Override public void close() {}
    }

    @Test
    void runDetailAndCompareNameBenchAnalyze() {
        ResultsApi api = new ResultsApi(new IngestedOnly(), new RunFolderIndex(tmp), null);
        assertThat(String.valueOf(api.run("r1").orElseThrow().get("note")))
                .contains("`run_summary` is a derived table", "run `bench analyze`");
        assertThat(String.valueOf(api.compare("steady_chat", "org/Qwen3-8B").get("note")))
                .contains("`winners` is a derived table", "run `bench analyze`");
    }
}

package io.enginebench.dashboard.live;

import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunJournal;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.TraceJson;
import io.enginebench.trace.TraceSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The watcher stepped by hand: it follows a running run and keeps the records a seal removed before it read them. */
class RunWatcherTest {
    @TempDir Path tmp;

    @Test
    void followsTheJournalAndCatchesUpFromParquetAfterTheSeal() throws Exception {
        String runId = "33333333-3333-3333-3333-333333333333";
        RunFolder folder = new RunFolder(tmp.resolve(runId));
        RunManifest m = new RunManifest(runId, TraceSchema.VERSION, "2026-11-28T00:00:00Z", null, RunStatus.RUNNING,
                "steady_chat", TraceJson.mapper().createObjectNode(),
                new RunManifest.EngineInfo("vllm", "vllm", "http://x", "m", null, null, null), "h", null, "host", "17",
                1, null, Map.of(), 0, null, Map.of());
        folder.writeManifest(m);
        RunWatcher watcher = new RunWatcher(tmp, 10, 250, 1);
        try (RunJournal journal = RunJournal.open(folder.dir())) {
            for (int i = 0; i < 5; i++) journal.record(LiveRunStatsTest.ok(i, 100L * i, 50, 10, 11));
        }
        watcher.tick();
        assertThat(watcher.current().runs()).singleElement().satisfies(r -> {
            assertThat(r.requestsDone()).isEqualTo(5);
            assertThat(r.status()).isEqualTo("running");
        });

        try (RunJournal journal = RunJournal.open(folder.dir())) {
            for (int i = 5; i < 12; i++) journal.record(LiveRunStatsTest.ok(i, 100L * i, 50, 10, 11));
        }
        Thread.sleep(20);  // a new manifest modification time
        folder.seal(m, RunStatus.COMPLETE);  // journal gone before the watcher saw the last 7 lines
        watcher.tick();
        assertThat(watcher.current().runs()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("complete");
            assertThat(r.requestsDone()).isEqualTo(12);
            assertThat(r.latest().requestsDone()).isEqualTo(12);
            assertThat(r.inFlightEstimate()).isNull();
        });
        assertThat(watcher.currentWithHistory().runs().get(0).history()).hasSize(2);
        watcher.close();
    }
}

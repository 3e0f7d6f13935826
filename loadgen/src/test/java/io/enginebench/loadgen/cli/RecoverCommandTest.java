package io.enginebench.loadgen.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enginebench.loadgen.summary.TraceSummaryTestAccess;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunJournal;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.TraceSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bench recover} on one run folder, or on a parent folder such as {@code raw-results/}. */
class RecoverCommandTest {
    @TempDir Path tmp;

    @Test
    void aParentFolderRecoversEveryUnsealedRunInItAndListsWhatItDid() throws Exception {
        Path results = tmp.resolve("raw-results");
        unsealed(results.resolve("run-a"), 3);
        unsealed(results.resolve("compare-1200").resolve("run-c"), 2);
        new RunFolder(results.resolve("run-b")).writeManifest(manifest("run-b").withStatus(RunStatus.COMPLETE, "2026-11-28T00:01:00Z"));
        Files.writeString(results.resolve("README.md"), "runs land here");

        StringWriter out = new StringWriter();
        int code = command(out).execute(results.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("recovered " + results.resolve("run-a"), "3 requests")
                .contains("recovered " + results.resolve("compare-1200").resolve("run-c"))
                .contains("2 run(s) recovered under " + results)
                .doesNotContain("run-b");
        assertThat(new RunFolder(results.resolve("run-a")).readManifest().status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(new RunFolder(results.resolve("run-a")).readRequests()).hasSize(3);
        assertThat(new RunFolder(results.resolve("run-a")).hasJournal()).isFalse();
    }

    @Test
    void aRunStillWritingItsJournalIsLeftAloneWhenFoundUnderAParent() throws Exception {
        Path results = tmp.resolve("raw-results");
        unsealed(results.resolve("live"), 1);
        Files.setLastModifiedTime(new RunFolder(results.resolve("live")).journalPath(), FileTime.from(Instant.now()));

        StringWriter out = new StringWriter();
        assertThat(command(out).execute(results.toString())).isZero();

        assertThat(out.toString()).contains("skipped " + results.resolve("live")).contains("still running?");
        assertThat(new RunFolder(results.resolve("live")).hasJournal()).isTrue();
    }

    @Test
    void aFolderWithNothingToRecoverSaysSo() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        StringWriter out = new StringWriter();
        assertThat(command(out).execute(empty.toString())).isZero();
        assertThat(out.toString()).contains("nothing to recover under " + empty);
    }

    private static CommandLine command(StringWriter out) {
        CommandLine cl = new CommandLine(new RecoverCommand());
        cl.setOut(new PrintWriter(out));
        return cl;
    }

    private static void unsealed(Path dir, int requests) throws Exception {
        RunFolder folder = new RunFolder(dir);
        folder.writeManifest(manifest(dir.getFileName().toString()));
        try (RunJournal journal = RunJournal.open(dir)) {
            for (int i = 0; i < requests; i++) journal.record(TraceSummaryTestAccess.record(i));
        }
        // a killed run's journal has been quiet for a while
        Files.setLastModifiedTime(folder.journalPath(), FileTime.from(Instant.now().minusSeconds(3600)));
    }

    private static RunManifest manifest(String runId) {
        return new RunManifest(runId, TraceSchema.VERSION, "2026-11-28T00:00:00Z", null, RunStatus.RUNNING,
                "single_request_latency", JsonNodeFactory.instance.objectNode().put("requests", 2),
                new RunManifest.EngineInfo("sim", "vllm", "http://127.0.0.1:8000", "m", "0.0", "vllm", "fixed"),
                "test-box", new RunManifest.LoadgenInfo("0.1.0", "abc"), "host", "17", 1, null,
                Map.of("arrival", 42L), 1_000_000_000L, null, Map.of());
    }
}

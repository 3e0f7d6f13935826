package io.enginebench.trace;

import io.enginebench.trace.parquet.ParquetFiles;
import io.enginebench.trace.parquet.RequestRows;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static io.enginebench.trace.RunFolderContractTest.manifest;
import static io.enginebench.trace.RunFolderContractTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run folder's files: the manifest round trip, sealing without a journal, and the version checks on reading. */
class RunFolderTest {
    @TempDir Path tmp;

    @Test
    void manifestReadsBackEqualWithItsResultsAndLeavesNoTemporaryFile() throws Exception {
        RunFolder folder = new RunFolder(tmp.resolve("run"));
        RunManifest.ClientSelfCheck check = new RunManifest.ClientSelfCheck(0.1, 0.9, 2.0, 0.5, 40.0, 12.0, 7.5, true,
                "schedule lag p99 0.9 ms", null);
        RunManifest written = manifest("run").withResults(check, Map.of("ok", 9L, "timeout", 1L));

        folder.writeManifest(written);

        assertThat(folder.readManifest()).isEqualTo(written);
        try (Stream<Path> files = Files.list(folder.dir())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(TraceSchema.MANIFEST);
        }
    }

    @Test
    void sealingWithoutAJournalWritesEmptyTablesAndTheFinalStatus() throws Exception {
        RunFolder folder = new RunFolder(tmp.resolve("run"));
        folder.writeManifest(manifest("run"));

        JournalReader.Result result = folder.seal(folder.readManifest(), RunStatus.FAILED);

        assertThat(result).isEqualTo(new JournalReader.Result(0, 0, 0, 0));
        assertThat(folder.readRequests()).isEmpty();
        assertThat(folder.readEngineMetrics()).isEmpty();
        assertThat(folder.readPrompts()).isEmpty();
        assertThat(folder.readManifest().status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void aSealSpanningSeveralRowGroupsKeepsEveryRowInJournalOrderAndEachPromptOnce() throws Exception {
        RunFolder folder = new RunFolder(tmp.resolve("run"));
        folder.writeManifest(manifest("run"));
        List<RequestRecord> written = new ArrayList<>();
        try (RunJournal journal = RunJournal.open(folder.dir())) {
            for (int i = 0; i < 6_000; i++) {
                RequestRecord r = requestWithChunks(i);
                written.add(r);
                journal.record(new PromptRecord("sha" + i % 700, "p" + i % 700, "completions", "text " + i % 700));
                journal.record(r);
            }
        }

        folder.seal(folder.readManifest(), RunStatus.COMPLETE);

        assertThat(rowGroups(folder.requestsPath())).as("row groups").isGreaterThan(1);
        assertThat(folder.readRequests()).isEqualTo(written);
        assertThat(folder.readPrompts()).hasSize(700);
        assertThat(folder.readPrompts().stream().map(PromptRecord::promptSha256).distinct()).hasSize(700);
    }

    /** A row of 256 chunks whose offsets do not compress to nothing, so a few thousand fill several row groups. */
    private static RequestRecord requestWithChunks(long index) {
        Random random = new Random(index);
        List<Long> offsets = new ArrayList<>();
        List<Integer> tokens = new ArrayList<>();
        long t = 1_000_000L * index;
        for (int c = 0; c < 256; c++) {
            t += random.nextInt(50_000_000);
            offsets.add(t);
            tokens.add(1);
        }
        RequestRecord r = request("run", index, "ok");
        return new RequestRecord(r.runId(), index, r.phase(), r.levelIndex(), r.concurrency(), r.targetRate(),
                r.arm(), r.promptId(), r.promptCategory(), r.endpoint(), r.maxTokens(), r.temperature(),
                r.ignoreEos(), r.structuredMode(), r.scheduledNs(), r.sentNs(), r.headersNs(), r.firstChunkNs(),
                r.firstTokenNs(), r.lastTokenNs(), r.completedNs(), offsets, tokens, r.chunkTokensExact(),
                "sha" + index % 700, r.promptTokens(), r.completionTokens(), r.cachedTokens(), r.usageReported(),
                r.contentChunkCount(), r.outputChars(), r.finishReason(), r.outcome(), r.httpStatus(), r.error(),
                r.structuredValid(), r.queueWaitNs(), "run-" + index);
    }

    private static int rowGroups(Path file) throws Exception {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getRowGroups().size();
        }
    }

    @Test
    void aFolderWithoutPromptsReadsAsNoPrompts() throws Exception {
        RunFolder folder = new RunFolder(tmp.resolve("run"));

        assertThat(folder.hasJournal()).isFalse();
        assertThat(folder.readPrompts()).isEmpty();
    }

    @Test
    void parquetOfAnUnknownSchemaVersionIsRefused() throws Exception {
        RunFolder folder = new RunFolder(tmp.resolve("run"));
        Files.createDirectories(folder.dir());
        try (var w = ParquetFiles.openAtomic(folder.requestsPath(), RequestRows.SCHEMA, 99)) {
            w.write(RequestRows.toGroup(request("run", 0, "ok")));
            w.commit();
        }

        assertThatThrownBy(folder::readRequests).hasMessageContaining("unsupported trace schema version 99")
                .hasMessageContaining(TraceSchema.REQUESTS);
    }

    @Test
    void pathsAreTheContractsFileNames() {
        RunFolder folder = new RunFolder(tmp);

        assertThat(folder.requestsPath()).isEqualTo(tmp.resolve("requests.parquet"));
        assertThat(folder.engineMetricsPath()).isEqualTo(tmp.resolve("engine_metrics.parquet"));
        assertThat(folder.promptsPath()).isEqualTo(tmp.resolve("prompts.parquet"));
        assertThat(folder.journalPath()).isEqualTo(tmp.resolve("journal.jsonl"));
        assertThat(folder.manifestPath()).isEqualTo(tmp.resolve("manifest.json"));
    }
}

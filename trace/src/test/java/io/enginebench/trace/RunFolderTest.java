package io.enginebench.trace;

import io.enginebench.trace.parquet.ParquetFiles;
import io.enginebench.trace.parquet.RequestRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
                "schedule lag p99 0.9 ms");
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

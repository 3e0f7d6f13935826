package io.enginebench.trace;

import io.enginebench.trace.parquet.EngineMetricRows;
import io.enginebench.trace.parquet.ParquetFiles;
import io.enginebench.trace.parquet.PromptRows;
import io.enginebench.trace.parquet.RequestRows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One run folder {@code raw-results/<run_id>/} of the trace contract.
 *
 * <p>A run writes its manifest (status {@code running}) and appends to the {@link RunJournal}; {@link #seal} turns the
 * journal into Parquet and rewrites the manifest with the final status. A normal end and {@code bench recover} after a
 * crash are the same operation, with status {@code complete} or {@code partial}.
 */
public final class RunFolder {
    private final Path dir;

    public RunFolder(Path dir) { this.dir = dir; }

    public Path dir() { return dir; }

    public Path manifestPath() { return dir.resolve(TraceSchema.MANIFEST); }

    public Path requestsPath() { return dir.resolve(TraceSchema.REQUESTS); }

    public Path engineMetricsPath() { return dir.resolve(TraceSchema.ENGINE_METRICS); }

    public Path promptsPath() { return dir.resolve(TraceSchema.PROMPTS); }

    public Path journalPath() { return dir.resolve(TraceSchema.JOURNAL); }

    public boolean hasJournal() { return Files.exists(journalPath()); }

    /** Writes {@code manifest.json} atomically (temp file + rename), so a reader never sees half a manifest. */
    public void writeManifest(RunManifest manifest) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(TraceSchema.MANIFEST + ".tmp");
        TraceJson.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), manifest);
        Files.move(tmp, manifestPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public RunManifest readManifest() throws IOException {
        RunManifest m = TraceJson.mapper().readValue(manifestPath().toFile(), RunManifest.class);
        if (!TraceSchema.readable(m.schemaVersion())) {
            throw new IOException(TraceSchema.unsupported(m.schemaVersion()) + " in " + manifestPath());
        }
        return m;
    }

    /**
     * Converts the journal into {@code requests.parquet}, {@code engine_metrics.parquet} and {@code prompts.parquet},
     * rewrites the manifest with {@code status} and removes the journal. Rows keep journal (completion) order.
     *
     * @param finalManifest the manifest to write; its status is replaced by {@code status}
     */
    public JournalReader.Result seal(RunManifest finalManifest, RunStatus status) throws IOException {
        JournalReader.Result result;
        try (var requests = ParquetFiles.openAtomic(requestsPath(), RequestRows.SCHEMA);
             var metrics = ParquetFiles.openAtomic(engineMetricsPath(), EngineMetricRows.SCHEMA);
             var prompts = ParquetFiles.openAtomic(promptsPath(), PromptRows.SCHEMA)) {
            Sha256Set seenPrompts = new Sha256Set();
            JournalReader.Sink sink = new JournalReader.Sink() {
                @Override public void request(RequestRecord r) { requests.write(RequestRows.toGroup(r)); }

                @Override public void metric(EngineMetricSample s) { metrics.write(EngineMetricRows.toGroup(s)); }

                @Override public void prompt(PromptRecord p) {
                    if (seenPrompts.add(p.promptSha256())) prompts.write(PromptRows.toGroup(p));
                }
            };
            result = hasJournal() ? JournalReader.replay(journalPath(), sink) : new JournalReader.Result(0, 0, 0, 0);
            requests.commit();
            metrics.commit();
            prompts.commit();
        }
        writeManifest(finalManifest.withStatus(status, Instant.now().toString()));
        Files.deleteIfExists(journalPath());
        return result;
    }

    public List<RequestRecord> readRequests() throws IOException {
        List<RequestRecord> out = new ArrayList<>();
        forEachRequest(out::add);
        return out;
    }

    /** Hands every row of {@code requests.parquet} to {@code sink} in file order, one at a time. */
    public void forEachRequest(Consumer<RequestRecord> sink) throws IOException {
        checkVersion(ParquetFiles.read(requestsPath(), g -> sink.accept(RequestRows.fromGroup(g))), requestsPath());
    }

    public List<EngineMetricSample> readEngineMetrics() throws IOException {
        List<EngineMetricSample> out = new ArrayList<>();
        checkVersion(ParquetFiles.read(engineMetricsPath(), g -> out.add(EngineMetricRows.fromGroup(g))),
                engineMetricsPath());
        return out;
    }

    public List<PromptRecord> readPrompts() throws IOException {
        List<PromptRecord> out = new ArrayList<>();
        if (Files.exists(promptsPath())) {
            checkVersion(ParquetFiles.read(promptsPath(), g -> out.add(PromptRows.fromGroup(g))), promptsPath());
        }
        return out;
    }

    private static void checkVersion(int version, Path file) throws IOException {
        if (!TraceSchema.readable(version)) {
            throw new IOException(TraceSchema.unsupported(version) + " in " + file);
        }
    }
}

package io.enginebench.dashboard.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enginebench.loadgen.matrix.MatrixManifest;
import io.enginebench.trace.EngineMetricSample;
import io.enginebench.trace.RequestRecord;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.TraceJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows the results folder without any link to the load generator: every poll it looks for run folders whose
 * manifest says {@code running}, reads what their journals gained since the last poll, and rereads the matrix files.
 * One thread does all of it, so the per-run state needs no locks; readers get immutable {@link LiveSnapshot}s.
 */
public final class RunWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunWatcher.class);
    /** Finished runs stay on the live view (with their last numbers) until this many newer ones push them out. */
    private static final int FINISHED_KEPT = 20;

    private final Path resultsDir;
    private final long windowNs;
    private final long pollMs;
    private final int ticksPerPush;
    private final ObjectMapper mapper = TraceJson.mapper();
    private final Map<String, Watched> runs = new LinkedHashMap<>();
    private final List<Consumer<LiveSnapshot>> subscribers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-watcher");
        t.setDaemon(true);
        return t;
    });
    private volatile LiveSnapshot current = LiveSnapshot.empty();
    private volatile Map<String, List<LivePoint>> histories = Map.of();
    private long ticks;

    private static final class Watched {
        final RunFolder folder;
        final JournalTail tail;
        final LiveRunStats stats;
        RunManifest manifest;
        FileTime manifestTime;
        long badLines;
        long finishedOrder;
        long lastGrowthNanos = System.nanoTime();
        long metricsSeen;

        Watched(RunFolder folder, LiveRunStats stats) {
            this.folder = folder;
            this.tail = new JournalTail(folder.journalPath());
            this.stats = stats;
        }
    }

    /**
     * @param pollMs      how often the folder is read (250–500 ms keeps the view fresh at negligible cost)
     * @param ticksPerPush push a snapshot to subscribers every this many polls
     */
    public RunWatcher(Path resultsDir, double windowS, long pollMs, int ticksPerPush) {
        this.resultsDir = resultsDir;
        this.windowNs = Math.round(windowS * 1e9);
        this.pollMs = pollMs;
        this.ticksPerPush = ticksPerPush;
    }

    public void start() {
        thread.scheduleWithFixedDelay(this::tickSafely, 0, pollMs, TimeUnit.MILLISECONDS);
    }

    /** Called on the watcher thread with each pushed snapshot; must not block. */
    public void subscribe(Consumer<LiveSnapshot> subscriber) { subscribers.add(subscriber); }

    public LiveSnapshot current() { return current; }

    /** The current snapshot with each run's recent points, for a subscriber that has just connected. */
    public LiveSnapshot currentWithHistory() {
        LiveSnapshot s = current;
        Map<String, List<LivePoint>> h = histories;
        List<LiveRunView> withHistory = s.runs().stream()
                .map(r -> r.withHistory(h.getOrDefault(r.runId(), List.of()))).toList();
        return new LiveSnapshot("hello", s.generatedAt(), withHistory, s.matrices());
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException | IOException e) {
            LOG.warn("reading {} failed: {}", resultsDir, e.toString());
        }
    }

    /** One poll; package-visible so tests can step the watcher without timing. */
    void tick() throws IOException {
        if (Files.isDirectory(resultsDir)) {
            discoverAndFollow();
        }
        publish(readMatrices());
        if (++ticks % ticksPerPush == 0) {
            LiveSnapshot s = current;
            for (Consumer<LiveSnapshot> sub : subscribers) sub.accept(s);
        }
    }

    private void discoverAndFollow() throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(resultsDir, Files::isDirectory)) {
            for (Path dir : dirs) {
                RunFolder folder = new RunFolder(dir);
                Path manifestPath = folder.manifestPath();
                if (!Files.isRegularFile(manifestPath)) continue;
                String key = dir.getFileName().toString();
                Watched w = runs.get(key);
                FileTime mtime = Files.getLastModifiedTime(manifestPath);
                if (w == null) {
                    RunManifest m = readManifest(folder);
                    if (m == null || m.status() != RunStatus.RUNNING) continue;  // only runs in progress are live
                    w = new Watched(folder, new LiveRunStats(windowNs));
                    w.manifest = m;
                    w.manifestTime = mtime;
                    runs.put(key, w);
                }
                // read the journal before looking at a changed manifest: what was appended before the run ended counts
                if (w.manifest.status() == RunStatus.RUNNING) follow(w);
                if (!mtime.equals(w.manifestTime)) {
                    RunManifest m = readManifest(folder);
                    if (m != null) {
                        if (w.manifest.status() == RunStatus.RUNNING && m.status() != RunStatus.RUNNING) {
                            w.finishedOrder = System.nanoTime();
                            catchUpFromParquet(w);
                        }
                        w.manifest = m;
                        w.manifestTime = mtime;
                    }
                }
            }
        }
        forgetOldFinished();
    }

    private RunManifest readManifest(RunFolder folder) {
        try {
            return folder.readManifest();
        } catch (IOException | RuntimeException e) {
            return null;  // being rewritten or not a run of this schema: try again next poll
        }
    }

    private void follow(Watched w) throws IOException {
        List<String> lines = w.tail.readNewLines();
        if (!lines.isEmpty()) w.lastGrowthNanos = System.nanoTime();
        for (String line : lines) {
            if (line.isBlank()) continue;
            try {
                JsonNode node = mapper.readTree(line);
                if (node.has("request")) {
                    w.stats.request(mapper.treeToValue(node.get("request"), RequestRecord.class));
                } else if (node.has("metric")) {
                    w.stats.metric(mapper.treeToValue(node.get("metric"), EngineMetricSample.class));
                    w.metricsSeen++;
                } else if (!node.has("prompt")) {
                    w.badLines++;
                }
            } catch (IOException | IllegalArgumentException e) {
                w.badLines++;
            }
        }
        w.stats.closePoint();
    }

    /**
     * Sealing removes the journal, possibly before the last lines were read. The Parquet files keep journal order, so
     * the rows past the counts already seen are exactly the ones missed.
     */
    private void catchUpFromParquet(Watched w) {
        if (w.folder.hasJournal() || !Files.exists(w.folder.requestsPath())) return;
        try {
            List<RequestRecord> requests = w.folder.readRequests();
            for (int i = (int) w.stats.done(); i < requests.size(); i++) w.stats.request(requests.get(i));
            if (Files.exists(w.folder.engineMetricsPath())) {
                List<EngineMetricSample> metrics = w.folder.readEngineMetrics();
                for (int i = (int) w.metricsSeen; i < metrics.size(); i++) w.stats.metric(metrics.get(i));
            }
            w.stats.closePoint();
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read the sealed files of {}: {}", w.folder.dir(), e.toString());
        }
    }

    private void forgetOldFinished() {
        List<Map.Entry<String, Watched>> finished = runs.entrySet().stream()
                .filter(e -> e.getValue().manifest.status() != RunStatus.RUNNING)
                .sorted(Comparator.comparingLong(e -> -e.getValue().finishedOrder)).toList();
        for (int i = FINISHED_KEPT; i < finished.size(); i++) runs.remove(finished.get(i).getKey());
    }

    private List<MatrixManifest> readMatrices() throws IOException {
        List<MatrixManifest> out = new ArrayList<>();
        if (!Files.isDirectory(resultsDir)) return out;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(resultsDir, "matrix-*.json")) {
            for (Path f : files) {
                try {
                    out.add(mapper.readValue(f.toFile(), MatrixManifest.class));
                } catch (IOException e) {
                    LOG.debug("skipping unreadable {}: {}", f, e.toString());
                }
            }
        }
        out.sort(Comparator.comparing(m -> m.startedAt() == null ? "" : m.startedAt(), Comparator.reverseOrder()));
        return out;
    }

    private void publish(List<MatrixManifest> matrices) {
        List<LiveRunView> views = new ArrayList<>();
        Map<String, List<LivePoint>> h = new LinkedHashMap<>();
        for (Watched w : runs.values()) {
            views.add(view(w));
            h.put(w.manifest.runId(), w.stats.history());
        }
        histories = h;
        current = new LiveSnapshot("snapshot", Instant.now().toString(), List.copyOf(views), List.copyOf(matrices));
    }

    private static LiveRunView view(Watched w) {
        RunManifest m = w.manifest;
        RunManifest.EngineInfo e = m.engine();
        boolean running = m.status() == RunStatus.RUNNING;
        LiveRunStats s = w.stats;
        return new LiveRunView(m.runId(), m.status().wire(), m.scenario(),
                e == null ? null : e.kind(), e == null ? null : e.variant(), e == null ? null : e.model(),
                e != null && e.simulated(), m.matrixId(), m.createdAt(),
                s.done(), s.failed(), s.measured(), s.warmup(), w.badLines, s.levelIndex(), s.concurrency(),
                s.targetRate(), running ? s.concurrency() : null,
                running ? Math.round((System.nanoTime() - w.lastGrowthNanos) / 1e8) / 10.0 : null,
                s.windowS(), s.latest(), null);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}

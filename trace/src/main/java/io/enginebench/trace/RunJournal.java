package io.enginebench.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The crash-safe journal of a run in progress: one JSON object per line, {@code {"request":{…}}},
 * {@code {"metric":{…}}} or {@code {"prompt":{…}}}.
 *
 * <p>Recording is a non-blocking queue offer, so event-loop and scheduler threads never wait on the disk. One writer
 * thread drains the queue and flushes to the operating system after every batch: a {@code kill -9} of the process
 * loses nothing that reached the journal writer (at most the records of the last few milliseconds still in the queue);
 * a truncated last line is tolerated by {@link JournalReader}.
 */
public final class RunJournal implements AutoCloseable {
    private static final Object POISON = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final BufferedWriter out;
    private final ObjectWriter json;
    private final Thread writer;
    private volatile IOException failure;

    private RunJournal(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        ObjectMapper mapper = TraceJson.mapper();
        this.json = mapper.writer();
        this.writer = new Thread(this::drainLoop, "journal-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Opens (or continues) the journal of the run folder {@code runDir}. */
    public static RunJournal open(Path runDir) throws IOException {
        Files.createDirectories(runDir);
        return new RunJournal(runDir.resolve(TraceSchema.JOURNAL));
    }

    public void record(RequestRecord r) { offer(r); }

    public void record(EngineMetricSample s) { offer(s); }

    public void record(PromptRecord p) { offer(p); }

    private void offer(Object o) {
        if (failure != null) throw new UncheckedIOException("journal write failed", failure);
        queue.add(o);
    }

    private void drainLoop() {
        List<Object> batch = new ArrayList<>();
        try {
            while (true) {
                Object first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch);
                boolean stop = false;
                for (Object o : batch) {
                    if (o == POISON) { stop = true; continue; }
                    out.write(json.writeValueAsString(Map.of(kind(o), o)));
                    out.write('\n');
                }
                out.flush();
                batch.clear();
                if (stop) return;
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String kind(Object o) {
        if (o instanceof RequestRecord) return "request";
        if (o instanceof EngineMetricSample) return "metric";
        if (o instanceof PromptRecord) return "prompt";
        throw new IllegalArgumentException("not a journal record: " + o.getClass());
    }

    /** Writes everything recorded so far and closes the file. */
    @Override
    public void close() throws IOException {
        queue.add(POISON);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.close();
        if (failure != null) throw failure;
    }
}

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
 * <p>Recording is a queue offer, so event-loop and scheduler threads never wait on the disk. One writer thread drains
 * the queue and flushes to the operating system after every batch: a {@code kill -9} of the process loses nothing that
 * reached the journal writer (at most the records of the last few milliseconds still in the queue); a truncated last
 * line is tolerated by {@link JournalReader}. The queue holds at most {@link #CAPACITY} records: a producer faster
 * than the disk waits for room instead of filling the heap (the run's recorder thread, never an event loop).
 */
public final class RunJournal implements AutoCloseable {
    private static final Object POISON = new Object();
    /** records queued for the writer at most; a few milliseconds of writing */
    static final int CAPACITY = 1_024;

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final BufferedWriter out;
    private final ObjectWriter json;
    private final Thread writer;
    private volatile IOException failure;
    private volatile boolean closed;

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
        boolean interrupted = false;
        try {
            while (true) {
                if (closed) return; // a straggler after the end: never written, as the run has ended
                if (failure != null || !writer.isAlive()) {
                    throw new UncheckedIOException("journal write failed", failure != null ? failure
                            : new IOException("journal writer stopped"));
                }
                try {
                    if (queue.offer(o, 100, TimeUnit.MILLISECONDS)) return;
                } catch (InterruptedException e) {
                    interrupted = true; // keep the record; the caller sees its interrupt afterwards
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
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
        closed = true;
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                if (queue.offer(POISON, 100, TimeUnit.MILLISECONDS)) break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.close();
        if (failure != null) throw failure;
    }
}

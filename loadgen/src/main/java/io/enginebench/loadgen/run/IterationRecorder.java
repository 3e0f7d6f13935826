package io.enginebench.loadgen.run;

import io.enginebench.loadgen.arrival.Slot;
import io.enginebench.loadgen.client.StreamResult;
import io.enginebench.loadgen.prompt.StructuredOutputValidator;
import io.enginebench.loadgen.summary.ProgressView;
import io.enginebench.loadgen.summary.RunTally;
import io.enginebench.trace.Outcome;
import io.enginebench.trace.RequestRecord;
import io.enginebench.trace.RunJournal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Turns an iteration's finished requests into trace rows: journals each (and each prompt once), adds it to the run's
 * {@link RunTally} and counts it on the progress view, then lets it go, so a run's memory does not grow with its
 * length. Runs on one thread of its own, off the client's event loops.
 */
final class IterationRecorder {
    static final int RECENT_PROMPTS = 4_096;
    /** results waiting to be recorded before a new request waits for the recorder; bounds the memory they hold */
    static final int MAX_BACKLOG = 1_024;

    private final String runId;
    private final long epochNanos;
    private final RunJournal journal;
    private final ProgressView progress;
    /** prompts journalled lately; one older than these is journalled again, and the seal keeps it once */
    private final Map<String, Boolean> recentPrompts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) { return size() > RECENT_PROMPTS; }
    };
    /** results handed to the recording thread and not yet recorded */
    private final AtomicLong backlog = new AtomicLong();
    private final RunTally tally = new RunTally();
    private final StructuredOutputValidator validator = new StructuredOutputValidator();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "run-recorder");
        t.setDaemon(true);
        return t;
    });

    /** where a dispatch waits for room (or for its plan) instead of on the thread that dispatched it */
    private final ExecutorService waiter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "run-dispatch-wait");
        t.setDaemon(true);
        return t;
    });

    IterationRecorder(String runId, long epochNanos, RunJournal journal, ProgressView progress) {
        this.runId = runId;
        this.epochNanos = epochNanos;
        this.journal = journal;
        this.progress = progress;
    }

    /** Where recording runs; counts what it was given until recorded. */
    Executor executor() {
        return task -> {
            backlog.incrementAndGet();
            try {
                thread.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        backlog.decrementAndGet();
                    }
                });
            } catch (RuntimeException e) {
                backlog.decrementAndGet();
                throw e;
            }
        };
    }

    /**
     * Returns once fewer than {@link #MAX_BACKLOG} results wait to be recorded. Only a client that completes requests
     * faster than it can journal them ever waits here (its own limit; the wait lies between the request's
     * {@code scheduled_ns} and {@code sent_ns}); otherwise the results of a long run at full rate would pile up in
     * memory.
     */
    /** Where a dispatch that must wait for {@link #awaitRoom} does so. */
    Executor waiter() {
        return waiter;
    }

    /** Whether a result handed over now would not need {@link #awaitRoom} to wait. */
    boolean hasRoom() {
        return backlog.get() < MAX_BACKLOG;
    }

    void awaitRoom() {
        while (backlog.get() >= MAX_BACKLOG && !thread.isShutdown()) LockSupport.parkNanos(200_000);
    }

    /** The id request {@code index} is sent with and recorded under: unique across runs, as the run id is. */
    String requestId(long index) { return runId + "-" + index; }

    RequestRecord record(LevelPlan level, PlannedRequest req, long index, String phase, Slot slot,
                         StreamResult result) {
        Boolean valid = null;
        if (req.generation().structured()) {
            valid = result.outcome() == Outcome.OK && validator.valid(result.text(), req.generation().jsonSchema());
        }
        RequestRecord r = RequestRecords.of(runId, epochNanos, index, phase, level, req, slot.scheduledNanos(),
                slot.capWaitNanos(), result, valid);
        if (recentPrompts.put(req.prompt().sha256(), Boolean.TRUE) == null) journal.record(req.prompt().toRecord());
        journal.record(r);
        tally.add(r);
        progress.finished(r);
        return r;
    }

    /** Waits up to {@code grace} (plus 5 s) for the recordings under way, then stops the recording thread. */
    void stop(Duration grace) throws InterruptedException {
        waiter.shutdownNow();
        thread.shutdown();
        thread.awaitTermination(grace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    }

    /** The summaries of every request recorded so far. */
    RunTally tally() {
        return tally;
    }
}

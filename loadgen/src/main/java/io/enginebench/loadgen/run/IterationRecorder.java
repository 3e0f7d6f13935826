package io.enginebench.loadgen.run;

import io.enginebench.loadgen.arrival.Slot;
import io.enginebench.loadgen.client.StreamResult;
import io.enginebench.loadgen.prompt.StructuredOutputValidator;
import io.enginebench.loadgen.summary.ProgressView;
import io.enginebench.trace.Outcome;
import io.enginebench.trace.RequestRecord;
import io.enginebench.trace.RunJournal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Turns an iteration's finished requests into trace rows: journals each (and each prompt once), keeps them for the
 * summary and counts them on the progress view. Runs on one thread of its own, off the client's event loops.
 */
final class IterationRecorder {
    private final String runId;
    private final long epochNanos;
    private final RunJournal journal;
    private final ProgressView progress;
    private final Set<String> promptsSeen = ConcurrentHashMap.newKeySet();
    private final List<RequestRecord> records = Collections.synchronizedList(new ArrayList<>());
    private final StructuredOutputValidator validator = new StructuredOutputValidator();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "run-recorder");
        t.setDaemon(true);
        return t;
    });

    IterationRecorder(String runId, long epochNanos, RunJournal journal, ProgressView progress) {
        this.runId = runId;
        this.epochNanos = epochNanos;
        this.journal = journal;
        this.progress = progress;
    }

    /** Where recording runs. */
    Executor executor() {
        return thread;
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
        if (promptsSeen.add(req.prompt().sha256())) journal.record(req.prompt().toRecord());
        journal.record(r);
        records.add(r);
        progress.finished(r);
        return r;
    }

    /** Waits up to {@code grace} (plus 5 s) for the recordings under way, then stops the recording thread. */
    void stop(Duration grace) throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(grace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    }

    /** Every request recorded so far. */
    List<RequestRecord> records() {
        return List.copyOf(records);
    }
}

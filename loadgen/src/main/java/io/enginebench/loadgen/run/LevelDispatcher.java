package io.enginebench.loadgen.run;

import io.enginebench.loadgen.arrival.ArrivalSchedule;
import io.enginebench.loadgen.arrival.ClosedLoop;
import io.enginebench.loadgen.arrival.Dispatch;
import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.arrival.LoadOutcome;
import io.enginebench.loadgen.arrival.OpenLoop;
import io.enginebench.loadgen.arrival.PreciseWait;
import io.enginebench.loadgen.breaker.CircuitBreaker;
import io.enginebench.loadgen.client.StreamResult;
import io.enginebench.loadgen.client.StreamingClient;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.loadgen.summary.ProgressView;
import io.enginebench.trace.Phase;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends one level's requests on its arrival process (open loop on a schedule, or closed loop) and hands each result to
 * the {@link IterationRecorder}. Levels run one after the other; request indexes and each arm's place in the prompt
 * order carry on from one level to the next.
 */
final class LevelDispatcher {
    /** added to a level's arrival seed for its warm-up schedule, so warm-up and measured draws differ */
    private static final long WARMUP_SEED = 7_919L;

    private final Scenario scenario;
    private final RequestPlanner planner;
    private final StreamingClient client;
    private final LoadControl control;
    private final PreciseWait wait;
    private final long arrivalSeed;
    private final IterationRecorder recorder;
    private final ProgressView progress;
    private final CircuitBreaker breaker;
    private final boolean catchUp;
    private final AtomicLong runIndex = new AtomicLong();
    /** measured requests sent so far per arm: the record choice of the next measured request of that arm */
    private final Map<String, Long> armOrdinal = new HashMap<>();

    LevelDispatcher(Scenario scenario, RequestPlanner planner, StreamingClient client, LoadControl control,
                    PreciseWait wait, long arrivalSeed, IterationRecorder recorder, ProgressView progress,
                    CircuitBreaker breaker, boolean catchUp) {
        this.scenario = scenario;
        this.planner = planner;
        this.client = client;
        this.control = control;
        this.wait = wait;
        this.arrivalSeed = arrivalSeed;
        this.recorder = recorder;
        this.progress = progress;
        this.breaker = breaker;
        this.catchUp = catchUp;
    }

    /**
     * Runs one level to its end; its records go to the {@link IterationRecorder}. Its warm-up requests, if any, run
     * first and drain (every one completes) before the first measured request is sent, so no warm-up time or token
     * falls inside the measured window.
     */
    void run(LevelPlan level, SelfCheckMonitor selfCheck) throws InterruptedException {
        long base = runIndex.get();
        int total = level.warmup() + level.measured();
        try (LevelPlans plan = prepared(level, base, total)) {
            run(level, selfCheck, base, plan);
        }
    }

    private void run(LevelPlan level, SelfCheckMonitor selfCheck, long base, LevelPlans plan)
            throws InterruptedException {
        PendingRecordings recordings = new PendingRecordings();
        progress.startLevel(level.label(), level.warmup() + level.measured());
        boolean drained = true;
        long measuredSent = 0;
        for (Phase phase : List.of(Phase.WARMUP, Phase.MEASURED)) {
            int first = phase == Phase.WARMUP ? 0 : level.warmup();
            int count = phase == Phase.WARMUP ? level.warmup() : level.measured();
            if (count == 0) continue;
            if (control.stopRequested()) {
                if (control.abortReason() != null) breaker.heldBack(count); // never sent: the engine is gone
                continue;
            }
            LevelSelfCheck check = phase == Phase.MEASURED ? new LevelSelfCheck(level) : null;
            Dispatch dispatch = slot -> {
                long seq = first + slot.sequence();
                long index = base + seq;
                runIndex.incrementAndGet();
                // a closed loop dispatches on the client's event loop: waiting there for the planner or the recorder
                // would stall every stream of that loop, so a wait, when one is due, runs on a thread of its own
                CompletableFuture<PlannedRequest> ready = plan.ready(seq) && recorder.hasRoom()
                        ? CompletableFuture.completedFuture(plan.take(seq))
                        : CompletableFuture.supplyAsync(() -> {
                            PlannedRequest r = plan.take(seq);
                            recorder.awaitRoom();
                            return r;
                        }, recorder.waiter());
                CompletableFuture<StreamResult> sent = ready.thenCompose(r -> client.send(r.wire()));
                recordings.track(sent.thenAcceptAsync(result -> recorder.record(level, ready.join(), index,
                        phase.wire(), slot, result), recorder.executor()));
                // the arrival process frees the slot only after the breaker has seen the outcome
                return sent.thenApply(result -> {
                    if (check != null) check.record(slot, result);
                    breaker.onOutcome(result.outcome(), result.httpStatus());
                    return result;
                });
            };
            if (phase == Phase.MEASURED) selfCheck.measuredStart();
            LoadOutcome outcome = level.openLoop()
                    ? OpenLoop.onSchedule(ArrivalSchedule.offsets(scenario.load().arrival(), level.targetRate(),
                                    scenario.load().burstiness() == null ? 1.0 : scenario.load().burstiness(),
                                    count, arrivalSeed + level.index() + (phase == Phase.WARMUP ? WARMUP_SEED : 0)),
                            level.concurrency(), wait).gated(breaker, catchUp).run(count, Long.MAX_VALUE, dispatch,
                            control)
                    : new ClosedLoop(level.concurrency()).run(count, dispatch, control, breaker);
            if (phase == Phase.MEASURED) {
                selfCheck.measuredEnd();
                selfCheck.addLevel(check.result());
            }
            selfCheck.addScheduleLag(outcome.scheduleLag());
            drained &= outcome.drained();
            if (phase == Phase.MEASURED) measuredSent = outcome.dispatched();
            if (control.abortReason() != null) breaker.heldBack(count - outcome.dispatched());
        }
        armOrdinal.merge(String.valueOf(level.arm().name()), measuredSent, Long::sum);
        // only what completed is recorded; requests still in flight after the stop grace are dropped
        if (drained) recordings.awaitAll();
        else recordings.rethrow();
        progress.endLevel();
    }

    /** Plans a level's requests ahead of the scheduler ({@link LevelPlans}), so it only hands bytes to the client. */
    private LevelPlans prepared(LevelPlan level, long base, int total) {
        long ordinal = armOrdinal.getOrDefault(String.valueOf(level.arm().name()), 0L);
        // warm-up takes records from the end of the order, measured requests from the arm's ordinal on
        return LevelPlans.plan(total, seq -> planner.plan(seq < level.warmup() ? -1 - seq
                : ordinal + seq - level.warmup(), base + seq, level.arm()).withRequestId(recorder.requestId(base + seq)));
    }
}

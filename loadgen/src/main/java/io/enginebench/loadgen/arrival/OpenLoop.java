package io.enginebench.loadgen.arrival;

import org.HdrHistogram.Histogram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Open loop: requests go out on a schedule drawn from an {@link InterArrival}, whatever the engine's state, so slow
 * responses cannot hold back the offered load (no coordinated omission). A dedicated max-priority thread waits for
 * each scheduled time with {@link PreciseWait} and records {@code dispatch − scheduled}.
 *
 * <p>With a concurrency cap, a request whose time has come waits for a free slot; its scheduled time stays the
 * original one, so {@code ttft_sched} includes that queueing, and the wait is handed on as the slot's
 * {@code capWaitNanos} (part of {@code queue_wait_ns}). The self-check lag counts only requests that did not
 * wait for the cap, since that wait is the engine's doing, not the client's.
 */
public final class OpenLoop {
    private static final long START_LEAD_NANOS = 1_000_000;

    private final long firstOffset;
    private final InterArrival gaps;
    private final Integer cap;
    private final PreciseWait wait;
    private final Gate gate;
    private final boolean catchUp;

    /** A free-running schedule: the first request at the start, then the gaps {@code gaps} draws. */
    public OpenLoop(InterArrival gaps, Integer cap, PreciseWait wait) {
        this(0, gaps, cap, wait, Gate.OPEN, false);
    }

    private OpenLoop(long firstOffset, InterArrival gaps, Integer cap, PreciseWait wait, Gate gate,
                     boolean catchUp) {
        this.firstOffset = firstOffset;
        this.gaps = gaps;
        this.cap = cap;
        this.wait = wait;
        this.gate = gate;
        this.catchUp = catchUp;
    }

    /**
     * The same schedule, asking {@code gate} before every send. After a hold the arrivals that fell due during it go
     * out at once when {@code catchUp}; otherwise the rest of the schedule moves later by the hold, so the engine
     * that just came back sees the offered rate and not a burst of backlog.
     */
    public OpenLoop gated(Gate newGate, boolean newCatchUp) {
        return new OpenLoop(firstOffset, gaps, cap, wait, newGate, newCatchUp);
    }

    /** A fixed schedule ({@link ArrivalSchedule}): run it with a count of {@code offsets.length}. */
    public static OpenLoop onSchedule(long[] offsets, Integer cap, PreciseWait wait) {
        long[] o = offsets.clone();
        int[] next = {1};
        InterArrival gaps = () -> next[0] < o.length ? o[next[0]] - o[next[0]++ - 1] : 0;
        return new OpenLoop(o.length == 0 ? 0 : o[0], gaps, cap, wait, Gate.OPEN, false);
    }

    /**
     * @param count          requests to send, or {@code Long.MAX_VALUE} with a duration
     * @param durationNanos  stop scheduling after this long, or {@code Long.MAX_VALUE} with a count
     */
    public LoadOutcome run(long count, long durationNanos, Dispatch dispatch, LoadControl control)
            throws InterruptedException {
        Histogram lag = new Histogram(3);
        InFlight inFlight = new InFlight();
        Semaphore slots = cap == null ? null : new Semaphore(cap);
        long[] sent = {0};
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread scheduler = new Thread(() -> {
            try {
                long t0 = System.nanoTime() + START_LEAD_NANOS; // moves on with the schedule after a hold
                Deque<Long> ahead = new ArrayDeque<>(); // gaps drawn early to count the arrivals a hold covered
                long scheduled = t0 + firstOffset;
                long heldUntil = Long.MIN_VALUE; // arrivals due before it waited for the engine, not for the client
                while (sent[0] < count && scheduled - t0 < durationNanos && !control.stopRequested()) {
                    long now = wait.until(scheduled);
                    long held = gate.pass();
                    if (held > 0) {
                        now = System.nanoTime();
                        heldUntil = now;
                        if (control.stopRequested()) return;
                        long due = dueBy(ahead, scheduled, now, count - sent[0]);
                        gate.heldBack(due);
                        // without catch-up the schedule resumes now: every later arrival moves by the hold
                        if (!catchUp) {
                            t0 += now - scheduled;
                            scheduled = now;
                        }
                    }
                    long capWait = 0;
                    if (slots != null && !slots.tryAcquire()) {
                        long before = now;
                        while (!slots.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                            if (control.stopRequested()) return;
                        }
                        now = System.nanoTime();
                        capWait = Math.max(1, now - before);
                    }
                    if (capWait == 0 && scheduled >= heldUntil) lag.recordValue(Math.max(0, now - scheduled));
                    inFlight.begin();
                    dispatch.send(new Slot(sent[0]++, scheduled, now, capWait, false)).whenComplete((r, e) -> {
                        if (slots != null) slots.release();
                        inFlight.end();
                    });
                    scheduled += nextGap(ahead);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "arrival-scheduler");
        scheduler.setPriority(Thread.MAX_PRIORITY);
        scheduler.setDaemon(true);
        scheduler.start();
        scheduler.join();
        if (failure.get() != null) throw new IllegalStateException("arrival scheduler failed", failure.get());
        boolean drained = inFlight.awaitEmpty(control);
        return new LoadOutcome(sent[0], lag, drained, control.stopRequested());
    }

    private long nextGap(Deque<Long> ahead) {
        return ahead.isEmpty() ? gaps.nextGapNanos() : ahead.poll();
    }

    /** Arrivals from {@code scheduled} on that fell due by {@code now} (at most {@code left}); draws gaps ahead. */
    private long dueBy(Deque<Long> ahead, long scheduled, long now, long left) {
        long n = 1;
        long t = scheduled;
        for (Long gap : ahead) {
            if (n >= left || t + gap > now) return n;
            t += gap;
            n++;
        }
        while (n < left) {
            long gap = gaps.nextGapNanos();
            ahead.add(gap);
            if (gap <= 0 || t + gap > now) break; // a spent schedule draws 0 forever
            t += gap;
            n++;
        }
        return n;
    }
}

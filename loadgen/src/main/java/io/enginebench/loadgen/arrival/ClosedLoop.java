package io.enginebench.loadgen.arrival;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

import java.util.ArrayDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed loop with {@code concurrency} virtual users: each user sends its next request as soon as its previous one
 * ends, so exactly {@code concurrency} requests are in flight until the requests run out.
 *
 * <p>A user freed by a completion sends its next request right there, on the thread that completed the previous one
 * (the client's event loop): a hop to another thread would leave the slot empty for as long as that thread takes to
 * wake, milliseconds on a busy host. The caller's thread sends the initial fill and every user freed while the gate
 * held; a send that completes at once is queued on its thread rather than recursing.
 */
public final class ClosedLoop {
    /** sends waiting on the current thread while an outer send runs there (see {@link #onThisThread}) */
    private static final ThreadLocal<ArrayDeque<Runnable>> QUEUED = new ThreadLocal<>();

    private final int concurrency;

    public ClosedLoop(int concurrency) {
        if (concurrency <= 0) throw new IllegalArgumentException("concurrency must be > 0");
        this.concurrency = concurrency;
    }

    /** Sends {@code total} requests and returns once they have all ended (or the stop grace ran out). */
    public LoadOutcome run(long total, Dispatch dispatch, LoadControl control) throws InterruptedException {
        return run(total, dispatch, control, Gate.OPEN);
    }

    /** As {@link #run(long, Dispatch, LoadControl)}, asking {@code gate} before every send. */
    public LoadOutcome run(long total, Dispatch dispatch, LoadControl control, Gate gate) throws InterruptedException {
        Users users = new Users(total, dispatch, control, gate);
        long start = System.nanoTime();
        int filled = 0; // users sent their first request
        while (users.claimed.get() < total && !control.stopRequested()) {
            boolean first = filled < concurrency;
            Long free = first ? Long.valueOf(start) : users.parked.poll(50, TimeUnit.MILLISECONDS);
            if (free == null) continue;
            if (first) filled++;
            if (gate.pass() > 0) {
                // every user that became free during the hold sat idle: one request each not sent
                if (control.stopRequested()) break; // the caller counts what a stop left unsent
                gate.heldBack(1 + (concurrency - filled) + users.parked.size());
                free = System.nanoTime(); // the user waited for the engine, not for the client: no schedule lag
            }
            users.inFlight.begin();
            long sendFree = free;
            onThisThread(() -> users.send(sendFree, !first));
        }
        boolean drained = users.inFlight.awaitEmpty(control);
        RuntimeException failure = users.failure.get();
        if (failure != null) throw failure;
        return new LoadOutcome(Math.min(users.claimed.get(), total), users.lag, drained, control.stopRequested());
    }

    /**
     * Runs {@code send} now, or after the send already running on this thread returns: a request that completes
     * synchronously (a closed client) frees its user inside {@code dispatch.send}, and sending again there would
     * recurse once per request.
     */
    private static void onThisThread(Runnable send) {
        ArrayDeque<Runnable> queued = QUEUED.get();
        if (queued != null) {
            queued.add(send);
            return;
        }
        queued = new ArrayDeque<>();
        QUEUED.set(queued);
        try {
            for (Runnable next = send; next != null; next = queued.poll()) next.run();
        } finally {
            QUEUED.remove();
        }
    }

    /** The users of one run; a busy user counts once in {@link #inFlight} from its first send until it retires. */
    private static final class Users {
        final long total;
        final Dispatch dispatch;
        final LoadControl control;
        final Gate gate;
        final AtomicLong claimed = new AtomicLong();
        final BlockingQueue<Long> parked = new LinkedBlockingQueue<>();
        final InFlight inFlight = new InFlight();
        final Histogram lag = new SynchronizedHistogram(3);
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();

        Users(long total, Dispatch dispatch, LoadControl control, Gate gate) {
            this.total = total;
            this.dispatch = dispatch;
            this.control = control;
            this.gate = gate;
        }

        /** Sends the next request for a user that became free at {@code freeNanos}, or retires the user. */
        void send(long freeNanos, boolean handOff) {
            long seq = control.stopRequested() ? total : claimed.getAndIncrement();
            if (seq >= total) {
                inFlight.end();
                return;
            }
            long now = System.nanoTime();
            lag.recordValue(Math.max(0, now - freeNanos));
            try {
                dispatch.send(new Slot(seq, freeNanos, now, 0, handOff)).whenComplete((r, e) -> freed(System.nanoTime()));
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                inFlight.end();
            }
        }

        /** A request ended: its user goes on here, or waits for the caller's thread while the gate holds. */
        void freed(long nanos) {
            if (gate.holding() && !control.stopRequested() && claimed.get() < total) {
                parked.add(nanos);
                inFlight.end();
                return;
            }
            onThisThread(() -> send(nanos, true));
        }
    }
}

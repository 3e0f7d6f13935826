package io.enginebench.loadgen.arrival;

import org.HdrHistogram.Histogram;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Closed loop with {@code concurrency} virtual users: each user sends its next request as soon as its previous one
 * ends, so exactly {@code concurrency} requests are in flight until the requests run out.
 *
 * <p>Completions only put the freed user on a queue; one dispatcher thread (the caller's) does the sending, so client
 * threads never build requests and a synchronous completion cannot recurse.
 */
public final class ClosedLoop {
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
        BlockingQueue<Long> freeSince = new LinkedBlockingQueue<>();
        long start = System.nanoTime();
        for (int i = 0; i < concurrency; i++) freeSince.add(start);
        Histogram lag = new Histogram(3);
        InFlight inFlight = new InFlight();
        long seq = 0;
        while (seq < total && !control.stopRequested()) {
            Long free = freeSince.poll(50, TimeUnit.MILLISECONDS);
            if (free == null) continue;
            if (gate.pass() > 0) {
                // every user that became free during the hold sat idle: one request each not sent
                if (control.stopRequested()) break; // the caller counts what a stop left unsent
                gate.heldBack(1 + freeSince.size());
                free = System.nanoTime(); // the user waited for the engine, not for the client: no schedule lag
            }
            long now = System.nanoTime();
            lag.recordValue(Math.max(0, now - free));
            inFlight.begin();
            dispatch.send(new Slot(seq++, free, now, 0)).whenComplete((r, e) -> {
                freeSince.add(System.nanoTime());
                inFlight.end();
            });
        }
        boolean drained = inFlight.awaitEmpty(control);
        return new LoadOutcome(seq, lag, drained, control.stopRequested());
    }
}

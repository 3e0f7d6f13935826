package io.enginebench.loadgen.run;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * A level's planned requests, prepared ahead of the scheduler in a window of bounded size: a level of a million
 * requests holds a window of built bodies (about {@link #WINDOW_BYTES}, {@link #MIN_WINDOW} to {@link #MAX_WINDOW}
 * requests), not a million. Levels that fit in the window (every level of the catalog's scenarios) are planned
 * completely before they start, as before; larger ones keep planning on a thread of their own while they run, and
 * the scheduler takes each request from its slot in the window.
 */
final class LevelPlans implements AutoCloseable {
    /** what the planned requests of a window may hold, roughly (prompt text, messages and body) */
    static final long WINDOW_BYTES = 8L << 20;
    static final int MIN_WINDOW = 256;
    static final int MAX_WINDOW = 8_192;

    private final int total;
    private final LongFunction<PlannedRequest> planner;
    private final AtomicReferenceArray<Entry> window;
    private final Thread filler;
    private volatile boolean closed;
    private volatile RuntimeException failure;

    private record Entry(long seq, PlannedRequest request) {}

    private LevelPlans(int total, int capacity, LongFunction<PlannedRequest> planner) {
        this.total = total;
        this.planner = planner;
        PlannedRequest first = total == 0 ? null : planner.apply(0);
        if (capacity <= 0) capacity = first == null ? MIN_WINDOW : windowFor(first);
        this.window = new AtomicReferenceArray<>(capacity);
        int ahead = Math.min(total, capacity);
        if (first != null) window.set(0, new Entry(0, first));
        for (int seq = 1; seq < ahead; seq++) window.set(seq, new Entry(seq, planner.apply(seq)));
        if (ahead < total) {
            filler = new Thread(() -> fill(ahead), "level-planner");
            filler.setDaemon(true);
            filler.start();
        } else {
            filler = null;
        }
    }

    /**
     * Plans request {@code seq} (0 ≤ seq &lt; total) with {@code planner}, the first window before returning; the
     * window's size follows from the first request's.
     */
    static LevelPlans plan(int total, LongFunction<PlannedRequest> planner) {
        return new LevelPlans(total, 0, planner);
    }

    /** As {@link #plan(int, LongFunction)} with a window of {@code window} requests. */
    static LevelPlans plan(int total, int window, LongFunction<PlannedRequest> planner) {
        return new LevelPlans(total, window, planner);
    }

    /** Requests per window for requests like {@code r}: its body counted three times (prompt, messages, body). */
    static int windowFor(PlannedRequest r) {
        long bytes = 3L * Math.max(1, r.wire().body().length);
        return (int) Math.max(MIN_WINDOW, Math.min(MAX_WINDOW, WINDOW_BYTES / bytes));
    }

    /** Whether request {@code seq} is planned, so {@link #take} returns it without waiting. */
    boolean ready(long seq) {
        Entry e = window.get((int) (seq % window.length()));
        return e != null && e.seq() == seq;
    }

    /** Takes request {@code seq}; each is taken once. Waits only if planning fell a whole window behind. */
    PlannedRequest take(long seq) {
        int slot = (int) (seq % window.length());
        while (true) {
            Entry e = window.get(slot);
            if (e != null && e.seq() == seq) {
                window.set(slot, null);
                if (filler != null) LockSupport.unpark(filler);
                return e.request();
            }
            if (failure != null) throw failure;
            if (closed) throw new IllegalStateException("level plans closed before request " + seq);
            LockSupport.parkNanos(50_000);
        }
    }

    private void fill(int from) {
        try {
            for (long seq = from; seq < total && !closed; seq++) {
                int slot = (int) (seq % window.length());
                // the slot frees once the request planned a window earlier has been taken
                while (window.get(slot) != null && !closed) LockSupport.parkNanos(1_000_000);
                if (closed) return;
                window.set(slot, new Entry(seq, planner.apply(seq)));
            }
        } catch (RuntimeException e) {
            failure = e; // the scheduler's next take reports it
        }
    }

    /** Stops planning (a level stopped early leaves the rest unplanned) and waits for the planning thread. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        if (filler != null) {
            LockSupport.unpark(filler);
            filler.join(); // the planner is not shared with the next level's
        }
    }
}

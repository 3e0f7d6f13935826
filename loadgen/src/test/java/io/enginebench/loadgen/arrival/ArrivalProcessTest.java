package io.enginebench.loadgen.arrival;

import io.enginebench.loadgen.scenario.ArrivalKind;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ArrivalProcessTest {

    private static double[] meanAndCv(InterArrival a, int n) {
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double g = a.nextGapNanos();
            sum += g;
            sumSq += g * g;
        }
        double mean = sum / n;
        double var = (sumSq - n * mean * mean) / (n - 1);
        return new double[] {mean, Math.sqrt(var) / mean};
    }

    @Test
    void poissonGapsHaveMeanOneOverRateAndCvOne() {
        double[] m = meanAndCv(InterArrival.of(ArrivalKind.POISSON, 500, 1, 7), 200_000);
        assertThat(m[0]).isCloseTo(2_000_000, within(2_000_000 * 0.02));
        assertThat(m[1]).isCloseTo(1.0, within(0.02));
    }

    @Test
    void gammaCvFollowsBurstiness() {
        for (double k : new double[] {0.25, 0.5, 2.0, 4.0}) {
            double[] m = meanAndCv(InterArrival.of(ArrivalKind.GAMMA, 100, k, 11), 200_000);
            assertThat(m[0]).as("mean at k=%s", k).isCloseTo(10_000_000, within(10_000_000 * 0.03));
            assertThat(m[1]).as("cv at k=%s", k).isCloseTo(InterArrival.expectedCv(ArrivalKind.GAMMA, k),
                    within(0.05 * InterArrival.expectedCv(ArrivalKind.GAMMA, k)));
        }
    }

    @Test
    void sameSeedSameSchedule() {
        InterArrival a = InterArrival.of(ArrivalKind.GAMMA, 10, 0.5, 3);
        InterArrival b = InterArrival.of(ArrivalKind.GAMMA, 10, 0.5, 3);
        for (int i = 0; i < 100; i++) assertThat(a.nextGapNanos()).isEqualTo(b.nextGapNanos());
    }

    /**
     * Correctness only: every request is dispatched, none before its scheduled time, on a schedule of the requested
     * rate, and each one's lag is recorded. How small the lag is (p99 under 1 ms at 500 req/s on an idle host) is a
     * speed claim, measured by {@code scripts/bench-perf e2e --rates 500} (docs/PERFORMANCE.md), not asserted here.
     */
    @Test
    void openLoopAt500PerSecondDispatchesEveryRequestOnItsScheduleAndNeverEarly() throws Exception {
        List<Long> scheduled = new ArrayList<>();
        List<Long> early = new ArrayList<>();
        Dispatch instant = slot -> {
            long now = System.nanoTime();
            scheduled.add(slot.scheduledNanos());   // only the scheduler thread calls dispatch
            if (now < slot.scheduledNanos()) early.add(slot.scheduledNanos() - now);
            return CompletableFuture.completedFuture(null);
        };
        LoadOutcome out = new OpenLoop(InterArrival.of(ArrivalKind.POISSON, 500, 1, 5), null, PreciseWait.standard())
                .run(1000, Long.MAX_VALUE, instant, LoadControl.standard());
        Histogram lag = out.scheduleLag();
        System.out.printf("open loop 500 req/s, 1000 requests: schedule lag p50 %.1f us, p99 %.1f us, max %.1f us%n",
                lag.getValueAtPercentile(50) / 1e3, lag.getValueAtPercentile(99) / 1e3, lag.getMaxValue() / 1e3);
        assertThat(out.dispatched()).isEqualTo(1000);
        assertThat(out.drained()).isTrue();
        assertThat(early).as("dispatches before their scheduled time (ns early)").isEmpty();
        assertThat(lag.getTotalCount()).as("a lag recorded per request").isEqualTo(1000);
        assertThat(scheduled).isSorted();
        double meanGap = (scheduled.get(999) - scheduled.get(0)) / 999.0;
        assertThat(meanGap).isCloseTo(2_000_000, within(2_000_000 * 0.08));
    }

    @Test
    void openLoopDurationBoundsTheLevel() throws Exception {
        LoadOutcome out = new OpenLoop(InterArrival.of(ArrivalKind.CONSTANT, 1000, 1, 1), null, PreciseWait.standard())
                .run(Long.MAX_VALUE, 100_000_000L, s -> CompletableFuture.completedFuture(null), LoadControl.standard());
        assertThat(out.dispatched()).isEqualTo(100);
    }

    @Test
    void openLoopCapLimitsInFlight() throws Exception {
        ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        Dispatch slow = slot -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            CompletableFuture<Object> f = new CompletableFuture<>();
            exec.schedule(() -> {
                inFlight.decrementAndGet();
                f.complete(null);
            }, 20, TimeUnit.MILLISECONDS);
            return f;
        };
        LoadOutcome out = new OpenLoop(InterArrival.of(ArrivalKind.CONSTANT, 1000, 1, 1), 3, PreciseWait.standard())
                .run(60, Long.MAX_VALUE, slow, LoadControl.standard());
        exec.shutdown();
        assertThat(out.dispatched()).isEqualTo(60);
        assertThat(maxInFlight.get()).isEqualTo(3);
    }

    @Test
    void closedLoopKeepsExactlyNInFlightAndHandsWarmupSlotsOn() throws Exception {
        int n = 4;
        int warmup = 5;
        ScheduledExecutorService exec = Executors.newScheduledThreadPool(2);
        AtomicInteger inFlight = new AtomicInteger();
        List<Integer> inFlightAtSend = Collections.synchronizedList(new ArrayList<>());
        List<Long> warmupEnds = new ArrayList<>();
        long[] firstMeasuredSend = {0};
        // no request ends before all n are out, however slowly a loaded machine sends them: the fill is judged alone
        CountDownLatch filled = new CountDownLatch(n);
        Dispatch d = slot -> {
            int now = inFlight.incrementAndGet();
            inFlightAtSend.add(now);
            filled.countDown();
            if (slot.sequence() == warmup) firstMeasuredSend[0] = System.nanoTime();
            CompletableFuture<Object> f = new CompletableFuture<>();
            // varied service times so users free up in a mixed order
            exec.schedule(() -> {
                try {
                    filled.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (slot.sequence() < warmup) synchronized (warmupEnds) { warmupEnds.add(System.nanoTime()); }
                inFlight.decrementAndGet();
                f.complete(null);
            }, 30 + (slot.sequence() * 7) % 13, TimeUnit.MILLISECONDS);
            return f;
        };
        LoadOutcome out = new ClosedLoop(n).run(warmup + 40, d, LoadControl.standard());
        exec.shutdown();
        assertThat(out.dispatched()).isEqualTo(45);
        assertThat(out.drained()).isTrue();
        // after the initial fill, every send happens right after a completion: n in flight including the new one
        assertThat(inFlightAtSend.subList(0, n)).containsExactly(1, 2, 3, 4);
        // (two completions landing together may briefly leave n-1 in flight before both users resend)
        List<Integer> steady = inFlightAtSend.subList(n, inFlightAtSend.size());
        assertThat(steady).allMatch(v -> v <= n);
        assertThat(steady.stream().filter(v -> v == n).count()).isGreaterThanOrEqualTo(steady.size() * 8L / 10);
        // the first measured request went out while warm-up requests were still running (no drain in between)
        long lastWarmupEnd = warmupEnds.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(firstMeasuredSend[0]).isLessThan(lastWarmupEnd);
    }

    @Test
    void closedLoopSendsFromTheCompletingThreadWithoutRecursingOnSynchronousCompletions() throws Exception {
        // every request completes inside send (a closed client does that): the loop must neither recurse nor lose one
        List<Slot> slots = Collections.synchronizedList(new ArrayList<>());
        int[] depth = {0};
        int[] deepest = {0};
        LoadOutcome out = new ClosedLoop(4).run(100_000, slot -> {
            slots.add(slot);
            depth[0]++;
            deepest[0] = Math.max(deepest[0], depth[0]);
            try {
                return CompletableFuture.completedFuture(null);
            } finally {
                depth[0]--;
            }
        }, LoadControl.standard());
        assertThat(out.dispatched()).isEqualTo(100_000);
        assertThat(out.drained()).isTrue();
        assertThat(deepest[0]).isEqualTo(1);
        assertThat(slots).extracting(Slot::sequence).doesNotHaveDuplicates().hasSize(100_000);
        // only the initial fill is not a hand-off (here the first user's completions sent all the rest at once)
        assertThat(slots.get(0).handOff()).isFalse();
        assertThat(slots.stream().filter(s -> !s.handOff()).count()).isBetween(1L, 4L);
    }

    @Test
    void closedLoopParksFreedUsersWhileTheGateHoldsAndCountsThemHeldBack() throws Exception {
        ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        long[] heldBack = {0};
        boolean[] holding = {true};
        Gate gate = new Gate() {
            @Override
            public synchronized long pass() {
                if (!holding[0]) return 0;
                holding[0] = false; // one hold, released at once
                return 1;
            }

            @Override
            public synchronized boolean holding() { return holding[0]; }

            @Override
            public synchronized void heldBack(long requests) { heldBack[0] += requests; }
        };
        LoadOutcome out = new ClosedLoop(3).run(30, slot -> {
            sent.incrementAndGet();
            CompletableFuture<Void> f = new CompletableFuture<>();
            exec.schedule(() -> f.complete(null), 2, TimeUnit.MILLISECONDS);
            return f;
        }, LoadControl.standard(), gate);
        exec.shutdown();
        assertThat(out.dispatched()).isEqualTo(30);
        assertThat(sent.get()).isEqualTo(30);
        assertThat(out.drained()).isTrue();
        assertThat(heldBack[0]).isEqualTo(3); // the hold met the whole initial fill
    }
}

package io.enginebench.loadgen.run;

import io.enginebench.loadgen.client.ClientOptions;
import io.enginebench.loadgen.client.NettyStreamingClient;
import io.enginebench.trace.RunManifest.ClientSelfCheck;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The self-check flags a run only on evidence that the client was starved. Thresholds here are far above what a busy
 * machine adds on its own (the stalls are hundreds of ms of a blocked thread), so the tests hold on a loaded host.
 */
class SelfCheckMonitorTest {
    private static final double THRESHOLD_MS = 100;
    private static final int CORES = 2;
    private static final LongSupplier UNKNOWN = () -> -1;

    private static ScheduledExecutorService loop() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "test-probe-loop");
            t.setDaemon(true);
            return t;
        });
    }

    /** Blocks the probe's thread for {@code ms}, as a handler stuck on the event loop would. */
    private static void stall(ScheduledExecutorService loop, long ms) throws Exception {
        loop.submit(() -> {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void lagProbeMeasuresEveryStallInsteadOfSkippingAheadAfterTheFirst() throws Exception {
        ScheduledExecutorService loop = loop();
        try {
            LagProbe probe = new LagProbe(loop, 1_000_000, true);
            Thread.sleep(50);
            stall(loop, 100);
            Thread.sleep(50);
            stall(loop, 300);
            Thread.sleep(100);
            probe.stop();
            // the second, longer stall is measured in full (a probe that skipped ahead after the first read it short)
            assertThat(probe.maxMs()).isGreaterThanOrEqualTo(290);
            // and stalls count for the time they lasted: ~400 of ~600 ms stalled puts p99 near the longest stall
            assertThat(probe.percentileMs(99)).isGreaterThanOrEqualTo(200);
        } finally {
            loop.shutdownNow();
        }
    }

    @Test
    void blockedEventLoopMarksTheRunClientBound() throws Exception {
        ScheduledExecutorService loop = loop();
        try (SelfCheckMonitor monitor = new SelfCheckMonitor(THRESHOLD_MS, List.of(loop), () -> 0, UNKNOWN, CORES)) {
            monitor.measuredStart();
            Thread.sleep(50);
            stall(loop, 400);
            Thread.sleep(50);
            monitor.measuredEnd();
            ClientSelfCheck check = monitor.result();
            assertThat(check.eventLoopLagP99Ms()).isGreaterThan(THRESHOLD_MS);
            assertThat(check.clientBound()).isTrue();
            assertThat(check.clientBoundReason()).contains("lag probe p99");
        }
    }

    @Test
    void stallsOutsideTheMeasuredPhasesDoNotFlagTheRun() throws Exception {
        ScheduledExecutorService loop = loop();
        try (SelfCheckMonitor monitor = new SelfCheckMonitor(THRESHOLD_MS, List.of(loop), () -> 0, UNKNOWN, CORES)) {
            stall(loop, 400); // the run's start-up or a level's warm-up: no measured request in flight
            monitor.measuredStart();
            Thread.sleep(150);
            monitor.measuredEnd();
            stall(loop, 400); // between two levels
            monitor.measuredStart();
            Thread.sleep(150);
            monitor.measuredEnd();
            stall(loop, 400); // sealing the trace
            ClientSelfCheck check = monitor.result();
            assertThat(check.eventLoopLagP99Ms()).isNotNull().isLessThan(THRESHOLD_MS);
            assertThat(check.clientBound()).isFalse();
        }
    }

    @Test
    void aStallThatRunsIntoAMeasuredPhaseCountsFromThePhasesStart() throws Exception {
        ScheduledExecutorService loop = loop();
        try (SelfCheckMonitor monitor = new SelfCheckMonitor(THRESHOLD_MS, List.of(loop), () -> 0, UNKNOWN, CORES)) {
            Thread.sleep(20);
            // the loop blocked from before the phase until 400 ms into it: only those 400 ms are the phase's
            var blocked = loop.submit(() -> sleep(700));
            Thread.sleep(300);
            monitor.measuredStart();
            blocked.get(10, TimeUnit.SECONDS);
            Thread.sleep(100);
            monitor.measuredEnd();
            ClientSelfCheck check = monitor.result();
            assertThat(check.clientBound()).isTrue();
            assertThat(check.eventLoopLagP99Ms()).isBetween(250.0, 600.0);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A real client with two event loops (it never connects: nothing is sent). */
    private static NettyStreamingClient twoLoopClient() {
        return NettyStreamingClient.create("http://127.0.0.1:9", new ClientOptions(4, null, Duration.ofSeconds(1), 2));
    }

    /** A monitor probing the client's event loops, the client's CPU idle, the host's unknown. */
    private static SelfCheckMonitor monitorOf(NettyStreamingClient client) {
        return new SelfCheckMonitor(THRESHOLD_MS, client.eventLoops(), () -> 0, UNKNOWN, CORES);
    }

    @Test
    void aBlockedEventLoopOfTheClientMarksTheRunClientBound() throws Exception {
        // the probes run on the client's own loops: a handler stuck on one of them delays every chunk it would stamp
        try (NettyStreamingClient client = twoLoopClient(); SelfCheckMonitor monitor = monitorOf(client)) {
            assertThat(client.eventLoops()).hasSize(2);
            monitor.measuredStart();
            Thread.sleep(50);
            stall(client.eventLoops().get(1), 400);
            Thread.sleep(50);
            monitor.measuredEnd();
            ClientSelfCheck check = monitor.result();
            assertThat(check.eventLoopLagP99Ms()).isGreaterThan(THRESHOLD_MS);
            assertThat(check.clientBound()).isTrue();
        }
    }

    @Test
    void theClientsIdleEventLoopsLeaveTheRunClear() throws Exception {
        try (NettyStreamingClient client = twoLoopClient(); SelfCheckMonitor monitor = monitorOf(client)) {
            monitor.measuredStart();
            Thread.sleep(300);
            monitor.measuredEnd();
            ClientSelfCheck check = monitor.result();
            assertThat(check.eventLoopLagP99Ms()).isNotNull().isLessThan(THRESHOLD_MS);
            assertThat(check.clientBound()).isFalse();
        }
    }

    @Test
    void saturatedClientCpuWhileMeasuringMarksTheRunClientBound() throws Exception {
        // CPU time advancing at all cores' rate: every core busy in the client for the whole measured phase
        try (SelfCheckMonitor monitor = new SelfCheckMonitor(THRESHOLD_MS, List.of(), () -> System.nanoTime() * CORES,
                UNKNOWN, CORES)) {
            monitor.measuredStart();
            Thread.sleep(100);
            monitor.measuredEnd();
            ClientSelfCheck check = monitor.result();
            assertThat(check.clientCpuPct()).isGreaterThan(SelfCheckMonitor.CPU_SATURATED_PCT);
            assertThat(check.clientBound()).isTrue();
            assertThat(check.clientBoundReason()).contains("client CPU");
        }
    }

    @Test
    void warmUpCpuOutsideTheMeasuredPhaseDoesNotCount() throws Exception {
        long[] cpu = {0};
        try (SelfCheckMonitor monitor = new SelfCheckMonitor(THRESHOLD_MS, List.of(), () -> cpu[0], UNKNOWN, CORES)) {
            cpu[0] += TimeUnit.SECONDS.toNanos(10); // a warm-up that compiled on every core
            monitor.measuredStart();
            Thread.sleep(100);
            monitor.measuredEnd();
            ClientSelfCheck check = monitor.result();
            assertThat(check.clientCpuPct()).isZero();
            assertThat(check.clientBound()).isFalse();
        }
    }

    @Test
    void lateScheduleAloneWithAnIdleClientIsNotClientBound() throws Exception {
        Histogram late = new Histogram(3);
        for (int i = 0; i < 100; i++) late.recordValue(TimeUnit.MILLISECONDS.toNanos(40)); // 40 ms schedule lag
        try (SelfCheckMonitor monitor = new SelfCheckMonitor(THRESHOLD_MS, List.of(), () -> 0, UNKNOWN, CORES)) {
            monitor.measuredStart();
            Thread.sleep(200);
            monitor.measuredEnd();
            monitor.addScheduleLag(late);
            ClientSelfCheck check = monitor.result();
            assertThat(check.scheduleLagP99Ms()).isGreaterThan(39);
            assertThat(check.eventLoopLagP99Ms()).isNotNull().isLessThan(THRESHOLD_MS);
            assertThat(check.clientCpuPct()).isZero();
            assertThat(check.clientBound()).isFalse();
            assertThat(check.clientBoundReason()).isNull();
        }
    }

    @Test
    void aLateClientOnABusyHostSaysHowMuchOfTheCoresOtherProcessesTook() throws Exception {
        ScheduledExecutorService loop = loop();
        // the client idle, the host's busy time advancing at one core's rate: another process held a whole core
        try (SelfCheckMonitor monitor = new SelfCheckMonitor(THRESHOLD_MS, List.of(loop), () -> 0, System::nanoTime, CORES)) {
            monitor.measuredStart();
            Thread.sleep(50);
            stall(loop, 400);
            Thread.sleep(50);
            monitor.measuredEnd();
            ClientSelfCheck check = monitor.result();
            assertThat(check.hostOtherCpuPct()).isBetween(45.0, 55.0);
            assertThat(check.clientBound()).isTrue();
            assertThat(check.clientBoundReason()).contains("lag probe p99", "other processes used 50% of the cores");
        }
    }

    @Test
    void theHostShareLeavesOutTheClientsOwnCpu() throws Exception {
        // the client alone keeps one core busy: the host is exactly as busy as the client, nobody else ran
        try (SelfCheckMonitor monitor = new SelfCheckMonitor(THRESHOLD_MS, List.of(), System::nanoTime, System::nanoTime,
                CORES)) {
            monitor.measuredStart();
            Thread.sleep(100);
            monitor.measuredEnd();
            ClientSelfCheck check = monitor.result();
            assertThat(check.clientCpuPct()).isBetween(45.0, 55.0);
            assertThat(check.hostOtherCpuPct()).isLessThan(1.0);
            assertThat(check.clientBound()).isFalse();
        }
    }

    @Test
    void hostBusyTimeIsReadFromProcStatsAggregateLine() {
        String stat = "cpu  100 5 50 1000 20 3 2 7 0 0\ncpu0 50 2 25 500 10 1 1 3 0 0\nintr 1 2 3\n";
        // user 100 + nice 5 + system 50 + irq 3 + softirq 2 + steal 7 ticks of 10 ms; idle and iowait excluded
        assertThat(HostCpu.busyNanos(stat)).isEqualTo(167 * 10_000_000L);
        assertThat(HostCpu.busyNanos("intr 1 2 3\n")).isNegative();
    }
}

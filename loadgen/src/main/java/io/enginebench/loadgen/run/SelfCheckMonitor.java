package io.enginebench.loadgen.run;

import io.enginebench.trace.RunManifest.ClientSelfCheck;
import org.HdrHistogram.Histogram;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The client's own health during a run (docs/METRICS.md, "validity"): schedule lag from the arrival processes, a
 * scheduler lag probe (a 1 ms periodic task measuring how late it runs, which rises when the client's threads are
 * starved), process CPU and GC pauses. A run is {@code client_bound} when lag p99 exceeds the threshold or the process
 * used almost all CPUs.
 */
final class SelfCheckMonitor implements AutoCloseable {
    static final double CPU_SATURATED_PCT = 90.0;
    private static final long PROBE_PERIOD_NANOS = 1_000_000;

    private final Histogram scheduleLag = new Histogram(3);
    private final Histogram probeLag = new Histogram(3);
    private final ScheduledExecutorService probe;
    private final long startWall = System.nanoTime();
    private final long startCpu = processCpuNanos();
    private final long startGcMs = gcMillis();
    private final double lagThresholdMs;

    SelfCheckMonitor(double lagThresholdMs) {
        this.lagThresholdMs = lagThresholdMs;
        this.probe = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "self-check-probe");
            t.setDaemon(true);
            return t;
        });
        long first = System.nanoTime() + PROBE_PERIOD_NANOS;
        long[] tick = {0};
        probe.scheduleAtFixedRate(() -> {
            long expected = first + tick[0]++ * PROBE_PERIOD_NANOS;
            long late = System.nanoTime() - expected;
            synchronized (probeLag) {
                probeLag.recordValue(Math.max(0, late));
            }
            // fixed-rate catches up after a stall; count the stall once, not once per missed tick
            if (late > PROBE_PERIOD_NANOS) tick[0] += late / PROBE_PERIOD_NANOS;
        }, PROBE_PERIOD_NANOS, PROBE_PERIOD_NANOS, TimeUnit.NANOSECONDS);
    }

    synchronized void addScheduleLag(Histogram lag) { scheduleLag.add(lag); }

    synchronized ClientSelfCheck result() {
        double wall = System.nanoTime() - startWall;
        long cpu = processCpuNanos();
        Double cpuPct = cpu < 0 || startCpu < 0 || wall <= 0 ? null
                : 100.0 * (cpu - startCpu) / (wall * Runtime.getRuntime().availableProcessors());
        double p50 = pct(scheduleLag, 50);
        double p99 = pct(scheduleLag, 99);
        double max = scheduleLag.getTotalCount() == 0 ? Double.NaN : scheduleLag.getMaxValue() / 1e6;
        double probeP99;
        synchronized (probeLag) {
            probeP99 = pct(probeLag, 99);
        }
        String reason = null;
        if (p99 > lagThresholdMs) reason = String.format("schedule lag p99 %.3f ms > %.3f ms", p99, lagThresholdMs);
        else if (cpuPct != null && cpuPct > CPU_SATURATED_PCT) reason = String.format("client CPU %.0f%%", cpuPct);
        return new ClientSelfCheck(nan(p50), nan(p99), nan(max), nan(probeP99), cpuPct,
                (double) (gcMillis() - startGcMs), reason != null, reason);
    }

    private static double pct(Histogram h, double p) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p) / 1e6;
    }

    private static Double nan(double v) { return Double.isNaN(v) ? null : v; }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    @Override
    public void close() { probe.shutdownNow(); }
}

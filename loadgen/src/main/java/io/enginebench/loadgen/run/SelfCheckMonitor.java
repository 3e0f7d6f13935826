package io.enginebench.loadgen.run;

import io.enginebench.trace.RunManifest.ClientSelfCheck;
import io.enginebench.trace.RunManifest.LevelCheck;
import org.HdrHistogram.Histogram;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * The client's own health during a run (docs/METRICS.md, "validity"): schedule lag from the arrival processes, a lag
 * probe on each of the client's event loops (a 1 ms periodic task measuring how late it runs: late when the loop's
 * thread is starved, busy or blocked, which is when chunks are stamped late), both probe and process CPU over the
 * measured phases only (a stall while nothing measured is in flight touches no data), and GC pauses. A run is
 * {@code client_bound} only on evidence that the client was starved: the worst loop's lag p99 above the threshold, or
 * the process using almost all cores while it measured. Schedule lag alone does not flag a run: the arrival threads
 * share the cores with the engine, so it is reported, not judged.
 */
final class SelfCheckMonitor implements AutoCloseable {
    static final double CPU_SATURATED_PCT = 90.0;
    private static final long PROBE_PERIOD_NANOS = 1_000_000;

    private final Histogram scheduleLag = new Histogram(3);
    private final List<LevelCheck> levels = new ArrayList<>();
    /** the probe's own thread when the client has no event loops to probe, else null */
    private final ScheduledExecutorService ownThread;
    private final List<LagProbe> probes = new ArrayList<>();
    private final LongSupplier cpuNanos;
    private final LongSupplier hostBusyNanos;
    private final int cores;
    private final long startWall = System.nanoTime();
    private final long startCpu;
    private final long startHostBusy;
    private final long startGcMs = gcMillis();
    private final double lagThresholdMs;
    private long measuredWall;
    private long measuredCpu;
    private long measuredHostBusy;
    private long windowWall = -1;
    private long windowCpu;
    private long windowHostBusy;

    /** @param eventLoops the client's event loops ({@code StreamingClient.eventLoops()}); empty: a thread of its own */
    SelfCheckMonitor(double lagThresholdMs, List<? extends ScheduledExecutorService> eventLoops) {
        this(lagThresholdMs, eventLoops, SelfCheckMonitor::processCpuNanos, HostCpu::busyNanos,
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * For tests: probes on {@code eventLoops} (empty: on a thread of its own); the process's CPU time comes from
     * {@code cpuNanos}, the whole host's busy CPU time from {@code hostBusyNanos} (negative: unknown).
     */
    SelfCheckMonitor(double lagThresholdMs, List<? extends ScheduledExecutorService> eventLoops, LongSupplier cpuNanos,
                     LongSupplier hostBusyNanos, int cores) {
        this.lagThresholdMs = lagThresholdMs;
        this.cpuNanos = cpuNanos;
        this.hostBusyNanos = hostBusyNanos;
        this.cores = cores;
        this.startCpu = cpuNanos.getAsLong();
        this.startHostBusy = hostBusyNanos.getAsLong();
        this.ownThread = eventLoops.isEmpty() ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "self-check-probe");
            t.setDaemon(true);
            return t;
        }) : null;
        for (ScheduledExecutorService loop : ownThread != null ? List.of(ownThread) : eventLoops) {
            probes.add(new LagProbe(loop, PROBE_PERIOD_NANOS, false));
        }
    }

    synchronized void addScheduleLag(Histogram lag) { scheduleLag.add(lag); }

    /** A level's measured phase ended: its own figures (hand-off, JIT time). */
    synchronized void addLevel(LevelCheck level) { levels.add(level); }

    /** A measured phase starts: CPU saturation is judged over measured phases only, not the warm-up's compilation. */
    synchronized void measuredStart() {
        if (windowWall >= 0) return;
        windowWall = System.nanoTime();
        windowCpu = cpuNanos.getAsLong();
        windowHostBusy = hostBusyNanos.getAsLong();
        probes.forEach(p -> p.record(true));
    }

    synchronized void measuredEnd() {
        if (windowWall < 0) return;
        probes.forEach(p -> p.record(false));
        measuredWall += System.nanoTime() - windowWall;
        measuredCpu += cpuNanos.getAsLong() - windowCpu;
        measuredHostBusy += hostBusyNanos.getAsLong() - windowHostBusy;
        windowWall = -1;
    }

    synchronized ClientSelfCheck result() {
        measuredEnd();
        Double cpuPct = cpuPercent();
        Double otherPct = otherProcessesPercent();
        double p50 = pct(scheduleLag, 50);
        double p99 = pct(scheduleLag, 99);
        double max = scheduleLag.getTotalCount() == 0 ? Double.NaN : scheduleLag.getMaxValue() / 1e6;
        double probeP99 = worstLoopP99();
        String reason = null;
        if (probeP99 > lagThresholdMs) {
            reason = String.format(Locale.ROOT, "client threads ran late: lag probe p99 %.3f ms > %.3f ms", probeP99,
                    lagThresholdMs);
            if (otherPct != null) {
                reason += String.format(Locale.ROOT, "; other processes used %.0f%% of the cores meanwhile", otherPct);
            }
        } else if (cpuPct != null && cpuPct > CPU_SATURATED_PCT) {
            reason = String.format(Locale.ROOT, "client CPU %.0f%% of %d cores while measuring", cpuPct, cores);
        }
        return new ClientSelfCheck(nan(p50), nan(p99), nan(max), nan(probeP99), cpuPct,
                (double) (gcMillis() - startGcMs), otherPct, reason != null, reason,
                levels.isEmpty() ? null : List.copyOf(levels));
    }

    /**
     * CPU the rest of the host used over the same phases as {@link #cpuPercent}, as a share of all cores: the host's
     * busy time minus this process's. Null when the host does not report it.
     */
    private Double otherProcessesPercent() {
        long wall = measuredWall;
        long cpu = measuredCpu;
        long host = measuredHostBusy;
        if (wall <= 0) {
            wall = System.nanoTime() - startWall;
            cpu = cpuNanos.getAsLong() - startCpu;
            host = hostBusyNanos.getAsLong() - startHostBusy;
        }
        if (startCpu < 0 || startHostBusy < 0 || wall <= 0 || cores <= 0) return null;
        return Math.max(0, 100.0 * (host - cpu) / ((double) wall * cores));
    }

    /** Process CPU over the measured phases (the whole run if none ended) as a share of all cores. */
    private Double cpuPercent() {
        long wall = measuredWall;
        long cpu = measuredCpu;
        if (wall <= 0) {
            wall = System.nanoTime() - startWall;
            cpu = cpuNanos.getAsLong() - startCpu;
        }
        if (startCpu < 0 || wall <= 0 || cores <= 0) return null;
        return 100.0 * cpu / ((double) wall * cores);
    }

    /** The highest p99 over the probed loops: one loop late 1 % of its time delays its streams, however idle the rest. */
    private double worstLoopP99() {
        double worst = Double.NaN;
        for (LagProbe p : probes) {
            double p99 = p.percentileMs(99);
            if (!Double.isNaN(p99) && (Double.isNaN(worst) || p99 > worst)) worst = p99;
        }
        return worst;
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
    public void close() {
        probes.forEach(LagProbe::stop);
        if (ownThread != null) ownThread.shutdownNow();
    }
}

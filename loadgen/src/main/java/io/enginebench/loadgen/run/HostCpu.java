package io.enginebench.loadgen.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole host spent busy, from Linux's {@code /proc/stat}: with the process's own CPU time it tells how
 * much of the cores other processes took while the client measured (a late client on a busy host is not the same
 * finding as a client that starved itself).
 */
final class HostCpu {
    /** The kernel reports {@code /proc/stat} in USER_HZ ticks, 100 per second on every Linux architecture. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path PROC_STAT = Path.of("/proc/stat");

    private HostCpu() {}

    /** Busy nanoseconds of all CPUs since boot; negative when the host does not say (not Linux, no procfs). */
    static long busyNanos() {
        try {
            return busyNanos(Files.readString(PROC_STAT));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The aggregate {@code cpu} line: user nice system idle iowait irq softirq steal …; busy is everything but idle
     * and iowait (steal counts as busy: the hypervisor gave the cores to someone else).
     */
    static long busyNanos(String procStat) {
        String line = procStat.lines().filter(l -> l.startsWith("cpu ")).findFirst().orElse(null);
        if (line == null) return -1;
        String[] f = line.trim().split("\\s+");
        if (f.length < 8) return -1;
        long busy = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            if (i != 4 && i != 5) busy += Long.parseLong(f[i]); // 4 idle, 5 iowait
        }
        return busy * NANOS_PER_TICK;
    }
}

package io.enginebench.cli;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Where the demo's wall time went: named laps from the JVM's start (so the launch counts too), printed as one line. */
final class DemoTimings {
    private record Lap(String name, double seconds) {}

    private final List<Lap> laps = new ArrayList<>();
    private final long startMillis;
    private long lastMillis;

    private DemoTimings(long startMillis) {
        this.startMillis = startMillis;
        this.lastMillis = startMillis;
    }

    private static final AtomicBoolean FIRST_IN_JVM = new AtomicBoolean(true);

    /**
     * Timed from the JVM's own start time, so the first lap includes JVM start-up and class loading; a later demo in
     * the same JVM (tests) is timed from now.
     */
    static DemoTimings sinceJvmStart() {
        return new DemoTimings(FIRST_IN_JVM.getAndSet(false) ? ManagementFactory.getRuntimeMXBean().getStartTime()
                : System.currentTimeMillis());
    }

    /** Ends the current lap under {@code name}. */
    void lap(String name) {
        long now = System.currentTimeMillis();
        laps.add(new Lap(name, (now - lastMillis) / 1000.0));
        lastMillis = now;
    }

    double totalSeconds() { return (lastMillis - startMillis) / 1000.0; }

    /** e.g. {@code time: start 3.1 s, runs (42) 61.0 s, ingest 12.2 s, … — 98.4 s in all (load average 1.2)}. */
    String line() {
        StringBuilder b = new StringBuilder("time: ");
        for (int i = 0; i < laps.size(); i++) {
            if (i > 0) b.append(", ");
            b.append(laps.get(i).name()).append(' ').append(String.format("%.1f s", laps.get(i).seconds()));
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        b.append(String.format(" — %.1f s in all", totalSeconds()));
        if (load >= 0) b.append(String.format(" (load average %.1f on %d cores)", load,
                Runtime.getRuntime().availableProcessors()));
        return b.toString();
    }

    static String number(double v) { return v == Math.rint(v) ? String.format("%.0f", v) : String.valueOf(v); }
}

package io.enginebench.clusterit;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops a process and everything it started (a Worker's executors), politely first. */
final class Processes {
    private Processes() {}

    static void stop(Process p) {
        List<ProcessHandle> tree = p.descendants().toList();
        p.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        p.destroyForcibly();
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}

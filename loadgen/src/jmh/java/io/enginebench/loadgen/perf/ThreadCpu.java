package io.enginebench.loadgen.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time used by the client's event loops (Netty's default thread names, {@code multiThreadIoEventLoopGroup-*}). On a
 * shared machine wall-clock throughput depends on what other processes take; CPU time per event does not, so it says
 * what one core of this machine can carry. (The server runs in its own process and reports its own.)
 */
final class ThreadCpu {
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();

    /** CPU time (user + kernel) of the client's event loops, and its user-mode part */
    record Split(long clientNanos, long clientUserNanos) {
        Split minus(Split o) {
            return new Split(clientNanos - o.clientNanos, clientUserNanos - o.clientUserNanos);
        }
    }

    Split now() {
        long client = 0;
        long clientUser = 0;
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t == null || !t.getThreadName().startsWith("multiThreadIoEventLoopGroup")) continue;
            long cpu = mx.getThreadCpuTime(t.getThreadId());
            if (cpu < 0) continue;
            client += cpu;
            clientUser += Math.max(0, mx.getThreadUserTime(t.getThreadId()));
        }
        return new Split(client, clientUser);
    }
}

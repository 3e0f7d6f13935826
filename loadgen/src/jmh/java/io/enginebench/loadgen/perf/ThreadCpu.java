package io.enginebench.loadgen.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time used by the harness's threads, split into the server's event loops ({@code tick-server-*}) and everything
 * else Netty runs (the client's event loops). On a shared machine wall-clock throughput depends on what other
 * processes take; CPU time per event does not, so it says what one core of this machine can carry.
 */
final class ThreadCpu {
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();

    /** CPU time (user + kernel) of server and client event loops, and the client's user-mode part */
    record Split(long serverNanos, long clientNanos, long clientUserNanos) {
        Split minus(Split o) {
            return new Split(serverNanos - o.serverNanos, clientNanos - o.clientNanos, clientUserNanos - o.clientUserNanos);
        }
    }

    Split now() {
        long server = 0;
        long client = 0;
        long clientUser = 0;
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null) names.put(t.getThreadId(), t.getThreadName());
        }
        for (Map.Entry<Long, String> e : names.entrySet()) {
            long cpu = mx.getThreadCpuTime(e.getKey());
            if (cpu < 0) continue;
            if (e.getValue().startsWith(TickServer.THREAD_PREFIX)) {
                server += cpu;
            } else if (e.getValue().startsWith("multiThreadIoEventLoopGroup")) {
                client += cpu;
                clientUser += Math.max(0, mx.getThreadUserTime(e.getKey()));
            }
        }
        return new Split(server, client, clientUser);
    }
}

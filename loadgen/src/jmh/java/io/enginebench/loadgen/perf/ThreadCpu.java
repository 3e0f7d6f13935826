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

    record Split(long serverNanos, long clientNanos) {
        Split minus(Split o) { return new Split(serverNanos - o.serverNanos, clientNanos - o.clientNanos); }
    }

    Split now() {
        long server = 0;
        long client = 0;
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
            }
        }
        return new Split(server, client);
    }
}

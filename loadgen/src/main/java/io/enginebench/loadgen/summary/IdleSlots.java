package io.enginebench.loadgen.summary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How far a closed-loop level fell short of its label: the time-weighted mean of idle slots (concurrency − requests in
 * flight, never below 0) between the last of the initial sends and the last send, as a share of the concurrency. A
 * level whose freed slots are refilled at once reads close to 0.
 */
public final class IdleSlots {
    private IdleSlots() {}

    /**
     * @param spans       one {sent, completed} pair of nanosecond stamps per request of the level (any order)
     * @param concurrency the level's label
     * @return the idle share in [0, 1]; 0 when the level sent no more requests than its concurrency
     */
    public static double share(List<long[]> spans, int concurrency) {
        if (spans.size() <= concurrency) return 0;
        List<long[]> events = new ArrayList<>(2 * spans.size()); // {time, +1 sent / −1 completed}
        long[] sends = new long[spans.size()];
        for (int i = 0; i < spans.size(); i++) {
            long[] s = spans.get(i);
            events.add(new long[] {s[0], 1});
            events.add(new long[] {s[1], -1});
            sends[i] = s[0];
        }
        Arrays.sort(sends);
        // at one instant a completion counts before a send, so a slot refilled at once is never idle
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long from = sends[concurrency - 1];
        long to = sends[sends.length - 1];
        if (to <= from) return 0;
        double idle = 0;
        long inFlight = 0;
        long prev = from;
        for (long[] e : events) {
            long t = Math.min(Math.max(e[0], from), to);
            idle += Math.max(0, concurrency - inFlight) * (double) (t - prev);
            prev = t;
            inFlight += e[1];
        }
        return idle / ((double) (to - from) * concurrency);
    }
}

package io.enginebench.loadgen.metrics;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One sample line of the Prometheus text format.
 *
 * @param labels      sorted by key
 * @param timestampMs the optional timestamp at the end of the line, or null
 */
public record PrometheusSample(String name, SortedMap<String, String> labels, double value, Long timestampMs) {
    public PrometheusSample {
        labels = labels == null ? new TreeMap<>() : new TreeMap<>(labels);
    }

    public PrometheusSample(String name, Map<String, String> labels, double value) {
        this(name, new TreeMap<>(labels), value, null);
    }

    /** The labels in Prometheus syntax, sorted by key ({@code a="1",b="x\"y"}); "" when none. */
    public String labelsText() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e.getKey()).append("=\"");
            String v = e.getValue();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                switch (c) {
                    case '\\' -> sb.append("\\\\");
                    case '"' -> sb.append("\\\"");
                    case '\n' -> sb.append("\\n");
                    default -> sb.append(c);
                }
            }
            sb.append('"');
        }
        return sb.toString();
    }
}

package io.enginebench.pipeline.ingest;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Counts of one ingest, per source ({@code legacy-json}, {@code legacy-manifest}, {@code native}). */
public final class IngestSummary {
    /** Counters of one source. */
    public static final class Counts {
        public int seen, ingested, duplicates, quarantined;
    }

    private final Map<String, Counts> perSource = new TreeMap<>();
    private Map<String, Integer> skippedByExtension = Map.of();
    private int findings;
    private long elapsedMs;
    private String snapshot;

    public Counts source(String s) { return perSource.computeIfAbsent(s, k -> new Counts()); }

    public Map<String, Counts> perSource() { return perSource; }

    void skipped(Map<String, Integer> byExt) { this.skippedByExtension = byExt; }

    void findings(int n) { this.findings = n; }

    void finished(String snapshotId, long ms) {
        this.snapshot = snapshotId;
        this.elapsedMs = ms;
    }

    public int skipped() { return skippedByExtension.values().stream().mapToInt(Integer::intValue).sum(); }

    public int quarantined() { return perSource.values().stream().mapToInt(c -> c.quarantined).sum(); }

    public int ingested() { return perSource.values().stream().mapToInt(c -> c.ingested).sum(); }

    public int duplicates() { return perSource.values().stream().mapToInt(c -> c.duplicates).sum(); }

    /** The id of the snapshot this ingest wrote (now the live one). */
    public String snapshot() { return snapshot; }

    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-16s %8s %9s %11s %12s%n", "source", "seen", "ingested", "duplicates",
                "quarantined"));
        int seen = 0;
        for (Map.Entry<String, Counts> e : perSource.entrySet()) {
            Counts c = e.getValue();
            seen += c.seen;
            sb.append(String.format(Locale.ROOT, "%-16s %8d %9d %11d %12d%n", e.getKey(), c.seen, c.ingested,
                    c.duplicates, c.quarantined));
        }
        sb.append(String.format(Locale.ROOT, "%-16s %8d %9d %11d %12d%n", "total", seen, ingested(), duplicates(),
                quarantined()));
        sb.append("skipped (not results): ").append(skipped());
        if (!skippedByExtension.isEmpty()) sb.append(' ').append(skippedByExtension);
        sb.append(String.format(Locale.ROOT, "%ndata-quality findings in this batch: %d%nsnapshot %s written in %.1f s",
                findings, snapshot, elapsedMs / 1000.0));
        return sb.toString();
    }
}

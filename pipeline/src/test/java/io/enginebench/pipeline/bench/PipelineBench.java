package io.enginebench.pipeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The pipeline benchmark of docs/PERFORMANCE.md: {@code bench ingest}, {@code bench analyze} and
 * {@code bench report}, each in a fresh JVM through {@code scripts/bench} (as a user runs them), timed with
 * {@code /usr/bin/time} for wall seconds and peak resident memory, on the legacy corpus and on synthetic native runs.
 *
 * <pre>scripts/pipeline-bench [--legacy DIR] [--sizes 100k,1m,5m] [--chunks 256] [--requests-per-run 10000]
 *                       [--work DIR]
 * scripts/pipeline-bench --sql --legacy DIR     # bench sql on Spark and on DuckDB ({@link SqlBench})</pre>
 */
public final class PipelineBench {
    private record Step(String name, double seconds, long peakRssKb) {}

    /** @param steps ingest, analyze, report (three processes), then reprocess (all three in one process) */
    private record Result(String input, long requests, int runs, double generateS, List<Step> steps, long warehouseBytes) {}

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath().normalize();
        String legacy = null;
        List<Long> sizes = new ArrayList<>();
        int chunks = 256;
        int perRun = 10_000;
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "pipeline-bench");
        boolean sql = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--legacy" -> legacy = args[++i];
                case "--sizes" -> { for (String s : args[++i].split(",")) sizes.add(parseSize(s)); }
                case "--chunks" -> chunks = Integer.parseInt(args[++i]);
                case "--requests-per-run" -> perRun = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--sql" -> sql = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Files.createDirectories(work);
        if (sql) {
            if (legacy == null) throw new IllegalArgumentException("--sql needs --legacy DIR (the warehouse it queries)");
            SqlBench.run(repo, legacy, work);
            return;
        }
        List<Result> results = new ArrayList<>();
        if (legacy != null) {
            Path wh = fresh(work.resolve("wh-legacy"));
            results.add(new Result("legacy corpus", -1, -1, 0, pipeline(repo, legacy, wh, work), size(wh)));
            print(results);
        }
        for (long n : sizes) {
            Path runs = fresh(work.resolve("runs-" + n));
            long t0 = System.nanoTime();
            int count = new SyntheticRuns(chunks, perRun).write(runs, n,
                    Math.max(1, Runtime.getRuntime().availableProcessors()));
            double gen = (System.nanoTime() - t0) / 1e9;
            System.out.printf("  generate: %,d requests in %d runs, %.1f s%n", n, count, gen);
            Path wh = fresh(work.resolve("wh-" + n));
            results.add(new Result("synthetic native, " + chunks + " chunks/request", n, count, gen,
                    pipeline(repo, runs.toString(), wh, work), size(wh)));
            print(results);
            delete(runs);
        }
    }

    private static List<Step> pipeline(Path repo, String input, Path wh, Path work) throws Exception {
        List<Step> steps = new ArrayList<>();
        steps.add(timed(repo, work, "ingest", "ingest", input, "--warehouse", wh.toString()));
        steps.add(timed(repo, work, "analyze", "analyze", "--warehouse", wh.toString(), "--timings"));
        steps.add(timed(repo, work, "report", "report", "--warehouse", wh.toString(), "--out",
                fresh(work.resolve("reports")).toString()));
        Path again = fresh(Path.of(wh + "-reprocess"));
        steps.add(timed(repo, work, "reprocess", "reprocess", input, "--warehouse", again.toString(), "--out",
                fresh(work.resolve("reports-reprocess")).toString()));
        delete(again);
        return steps;
    }

    /** Runs {@code scripts/bench args…} under /usr/bin/time; its output goes to work/&lt;name&gt;.log. */
    static Step timed(Path repo, Path work, String name, String... args) throws Exception {
        Path timing = work.resolve(name + ".time");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M", "-o", timing.toString(),
                repo.resolve("scripts/bench").toString()));
        cmd.addAll(List.of(args));
        Path log = work.resolve(name + ".log");
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        int rc = p.waitFor();
        if (rc != 0) throw new IllegalStateException(name + " failed (exit " + rc + "), see " + log);
        String[] t = Files.readAllLines(timing).get(Files.readAllLines(timing).size() - 1).trim().split(" ");
        System.out.printf("  %s: %s s, peak RSS %s MB (log %s)%n", name, t[0], Long.parseLong(t[1]) / 1024, log);
        return new Step(name, Double.parseDouble(t[0]), Long.parseLong(t[1]));
    }

    private static void print(List<Result> results) {
        System.out.println();
        System.out.println("| input | requests | runs | generate s | ingest s | ingest peak RSS MB | analyze s "
                + "| analyze peak RSS MB | report s | report peak RSS MB | total s (ingest+analyze+report) "
                + "| warehouse MB | reprocess s (one process) | reprocess peak RSS MB |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            StringBuilder b = new StringBuilder("| " + r.input() + " | "
                    + (r.requests() < 0 ? "149,170" : String.format(Locale.ROOT, "%,d", r.requests())) + " | "
                    + (r.runs() < 0 ? "665" : r.runs()) + " | "
                    + (r.generateS() > 0 ? String.format(Locale.ROOT, "%.0f", r.generateS()) : "–") + " |");
            double total = 0;
            for (Step s : r.steps().subList(0, 3)) {
                b.append(String.format(Locale.ROOT, " %.1f | %,d |", s.seconds(), s.peakRssKb() / 1024));
                total += s.seconds();
            }
            Step one = r.steps().get(3);
            b.append(String.format(Locale.ROOT, " %.1f | %,d | %.1f | %,d |", total, r.warehouseBytes() / (1024 * 1024),
                    one.seconds(), one.peakRssKb() / 1024));
            System.out.println(b);
        }
        System.out.println();
    }

    static long parseSize(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long mult = t.endsWith("k") ? 1_000 : t.endsWith("m") ? 1_000_000 : 1;
        return Long.parseLong(mult == 1 ? t : t.substring(0, t.length() - 1)) * mult;
    }

    static Path fresh(Path dir) throws IOException {
        delete(dir);
        Files.createDirectories(dir);
        return dir;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}

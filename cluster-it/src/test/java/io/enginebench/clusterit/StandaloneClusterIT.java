package io.enginebench.clusterit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline's job jar under {@code spark-submit} on a real standalone cluster (a Master, two Workers of one core,
 * each executor in its own JVM) gives the same derived tables and the same report as under {@code local[*]}: ingest,
 * analyze and report ({@code reprocess}) over the older harness's corpus plus a few native runs, with the warehouse,
 * inputs and checkpoints on {@code file:} paths that every process sees (what a shared file system or an object store
 * is on a real cluster).
 */
class StandaloneClusterIT {
    private static final String MAIN = "io.enginebench.pipeline.PipelineMain";
    private static final String SUBMIT = "org.apache.spark.deploy.SparkSubmit";
    private static final String DATE = "2026-12-01";
    private static final long RUN_TIMEOUT_S = 600;

    @Test
    void reprocessOnTheClusterMatchesLocal() throws Exception {
        SparkHome home = SparkHome.fromSystemProperties();
        Path jobJar = Path.of(SparkHome.required("cluster.jobJar"));
        assertThat(jobJar).as("job jar (mvn -Pcluster,shade -pl pipeline -am package)").isRegularFile();
        Path work = clean(Path.of(SparkHome.required("cluster.workDir")));
        Path inputs = Files.createDirectories(work.resolve("inputs"));
        Path legacy = CorpusCopy.copy(Path.of(SparkHome.required("cluster.legacyDir")), inputs.resolve("legacy"),
                Integer.parseInt(SparkHome.required("cluster.legacyEvery")));
        Path raw = Files.createDirectories(inputs.resolve("raw-results"));
        NativeRunFixtures.write(raw);

        Run local = submit(home, work, "local", "local[*]", jobJar, List.of(raw, legacy), List.of());

        Run cluster;
        EventLog events;
        try (StandaloneCluster c = StandaloneCluster.start(home, work.resolve("cluster-daemons"), 2, "1g",
                Duration.ofSeconds(120))) {
            Path eventDir = Files.createDirectories(work.resolve("events"));
            cluster = submit(home, work, "cluster", c.masterUrl(), jobJar, List.of(raw, legacy), List.of(
                    "--conf", "spark.executor.memory=768m", "--conf", "spark.executor.cores=1",
                    "--conf", "spark.cores.max=2",
                    // start on both executors, not on whichever registered first
                    "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                    "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=120s",
                    "--conf", "spark.checkpoint.dir=" + work.resolve("checkpoints").toUri(),
                    "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.compress=false",
                    "--conf", "spark.eventLog.rolling.enabled=false",
                    "--conf", "spark.eventLog.dir=" + eventDir.toUri()));
            events = EventLog.read(onlyFile(eventDir));
            JsonNode state = c.state();
            System.out.printf("cluster: master %s, completed applications %s%n", c.masterUrl(),
                    state.path("completedapps").findValuesAsText("id"));
        }

        System.out.printf("cluster: application %s, executors (id=host) %s, tasks per executor %s%n", events.appId(),
                events.executorHosts(), events.tasksByExecutor());
        System.out.printf("cluster: reprocess wall time local[*] %.1f s, standalone (2 workers x 1 core) %.1f s%n",
                local.seconds(), cluster.seconds());
        assertThat(events.appId()).startsWith("app-");
        assertThat(events.tasksByExecutor().keySet()).as("executors that ran tasks")
                .doesNotContain("driver").hasSizeGreaterThan(1);

        assertSameTables(local.warehouse().resolve("derived-csv"), cluster.warehouse().resolve("derived-csv"));
        assertSameFiles(local.reports().resolve(DATE), cluster.reports().resolve(DATE), ".md");
        assertSameTables(local.reports().resolve(DATE).resolve("tables"), cluster.reports().resolve(DATE).resolve("tables"));
    }

    record Run(Path warehouse, Path reports, double seconds) {}

    /** {@code spark-submit --master MASTER --deploy-mode client … reprocess INPUTS --warehouse file:…}. */
    private static Run submit(SparkHome home, Path work, String name, String master, Path jobJar, List<Path> inputs,
            List<String> conf) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        Path warehouse = dir.resolve("warehouse");
        Path reports = dir.resolve("reports");
        List<String> args = new ArrayList<>(List.of("--master", master, "--deploy-mode", "client",
                "--name", "enginebench-reprocess-" + name, "--class", MAIN,
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=4"));
        args.addAll(conf);
        args.add(jobJar.toString());
        args.add("reprocess");
        inputs.forEach(p -> args.add(p.toUri().toString()));
        args.addAll(List.of("--warehouse", warehouse.toUri().toString(), "--out", reports.toString(), "--date", DATE));
        Path log = dir.resolve("spark-submit.log");
        System.out.println("cluster: " + String.join(" ", args));
        long t0 = System.nanoTime();
        int code = home.run(home.command("2g", SUBMIT, args), log, Map.of(), RUN_TIMEOUT_S);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(code).as("spark-submit exit code (" + name + "), log: " + log + "\n" + tail(log)).isZero();
        return new Run(warehouse, reports, seconds);
    }

    /** Derived tables: identical but for the last bits of floating-point aggregates (see CsvCompare). */
    private static void assertSameTables(Path expectedDir, Path actualDir) throws IOException {
        List<String> expected = names(expectedDir, ".csv");
        assertThat(expected).as("files in " + expectedDir).isNotEmpty();
        assertThat(names(actualDir, ".csv")).as("files in " + actualDir).isEqualTo(expected);
        for (String n : expected) {
            String e = Files.readString(expectedDir.resolve(n));
            String a = Files.readString(actualDir.resolve(n));
            if (!e.equals(a)) System.out.println("cluster: " + n + " differs from local[*] in the last bits of numbers only");
            assertThat(CsvCompare.differences(e, a)).as(actualDir.resolve(n) + " vs local[*]").isEmpty();
        }
    }

    private static void assertSameFiles(Path expectedDir, Path actualDir, String suffix) throws IOException {
        List<String> expected = names(expectedDir, suffix);
        assertThat(expected).as("files in " + expectedDir).isNotEmpty();
        assertThat(names(actualDir, suffix)).as("files in " + actualDir).isEqualTo(expected);
        for (String n : expected) {
            assertThat(Files.readString(actualDir.resolve(n))).as(actualDir.resolve(n) + " vs local[*]")
                    .isEqualTo(Files.readString(expectedDir.resolve(n)));
        }
    }

    private static List<String> names(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().toList();
        }
    }

    private static Path onlyFile(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.toList();
            assertThat(files).as("event logs in " + dir).hasSize(1);
            return files.get(0);
        }
    }

    private static Path clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted((a, b) -> b.compareTo(a)).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        return Files.createDirectories(dir);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}

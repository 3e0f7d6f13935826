package io.enginebench.pipeline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enginebench.pipeline.analysis.Analyses;
import io.enginebench.pipeline.analysis.AnalysisOptions;
import io.enginebench.pipeline.analysis.WarehouseInputs;
import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.pipeline.warehouse.Warehouse;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every result file of the corpus's {@code head} collection: the per-file statistics recomputed from its request rows
 * ({@code legacy_file_metrics}) agree with the file's own {@code metrics} block.
 */
class LegacyHeadMetricsTest {
    /** Relative tolerance; the floor covers ms values stored as whole ns (rounding ≤ 5e-7 ms). */
    private static final double REL = 1e-6;
    private static final double ABS_FLOOR = 1e-6;

    /** legacy_file_metrics column → path in the file's metrics block. */
    private static final Map<String, String[]> FIELDS = Map.of(
            "latency_p50_ms", new String[] {"latency", "p50"},
            "latency_p95_ms", new String[] {"latency", "p95"},
            "latency_p99_ms", new String[] {"latency", "p99"},
            "ttft_p50_ms", new String[] {"ttft", "p50"},
            "ttft_p95_ms", new String[] {"ttft", "p95"},
            "ttft_p99_ms", new String[] {"ttft", "p99"},
            "tokens_per_sec", new String[] {"throughput", "tokens_per_sec"},
            "requests_per_sec", new String[] {"throughput", "requests_per_sec"},
            "error_rate", new String[] {"error_rate"});

    @Test
    void recomputedPerFileStatisticsMatchEveryHeadFilesMetricsBlock(@TempDir Path tmp) throws Exception {
        Path head = LegacyCorpusTest.CORPUS.resolve("head");
        assumeTrue(Files.isDirectory(head), "legacy corpus not present at " + head);
        SparkSession spark = SharedSpark.get();
        Warehouse wh = Warehouse.open(spark, tmp.resolve("wh").toString());
        new IngestJob(wh, new PrintStream(OutputStream.nullOutputStream())).run(List.of(head.toString()));

        // byte-identical copies are stored once: files are matched to their run by content hash
        Map<String, Row> bySha = new HashMap<>();
        Analyses.computeAll(WarehouseInputs.of(wh), AnalysisOptions.defaults()).get("legacy_file_metrics")
                .createOrReplaceTempView("head_file_metrics");
        for (Row r : spark.sql("SELECT r.content_sha256, m.* FROM head_file_metrics m JOIN runs r USING (run_uid)")
                .collectAsList()) {
            bySha.put(r.getString(0), r);
        }

        List<Path> files;
        try (Stream<Path> s = Files.walk(head)) {
            files = s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().contains("matrix_manifest")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(500);
        ObjectMapper json = new ObjectMapper();
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            Row row = bySha.get(IngestJob.sha256(bytes));
            String name = head.relativize(f).toString();
            if (row == null) {
                mismatches.add(name + ": no legacy_file_metrics row");
                continue;
            }
            JsonNode metrics = json.readTree(bytes).path("metrics");
            for (Map.Entry<String, String[]> e : FIELDS.entrySet()) {
                JsonNode expected = metrics;
                for (String k : e.getValue()) expected = expected.path(k);
                Double actual = row.isNullAt(row.fieldIndex(e.getKey())) ? null : row.getAs(e.getKey());
                if (!expected.isNumber() || actual == null || !close(expected.asDouble(), actual)) {
                    mismatches.add("%s: %s file=%s recomputed=%s".formatted(name, e.getKey(), expected, actual));
                }
                compared++;
            }
        }
        assertThat(mismatches).as("%d mismatches in %d compared values", mismatches.size(), compared).isEmpty();
        assertThat(compared).isEqualTo(files.size() * FIELDS.size());
    }

    private static boolean close(double expected, double actual) {
        return Math.abs(expected - actual) <= Math.max(ABS_FLOOR, REL * Math.abs(expected));
    }
}

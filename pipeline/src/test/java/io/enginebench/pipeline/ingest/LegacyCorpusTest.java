package io.enginebench.pipeline.ingest;

import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.pipeline.warehouse.Tables;
import io.enginebench.pipeline.warehouse.Warehouse;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The whole historical corpus: every result file is ingested or quarantined, known defects are reported. */
class LegacyCorpusTest {
    /** {@code ../shared/legacy-results} from the repository root, also found from a worktree deeper down. */
    static final Path CORPUS = locate();

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/legacy-results");
            if (Files.isDirectory(candidate)) return candidate;
        }
        return Path.of("../../shared/legacy-results").toAbsolutePath().normalize();
    }

    @Test
    void wholeCorpusIsIngestedOrQuarantinedAndReingestChangesNothing(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "legacy corpus not present at " + CORPUS);
        SparkSession spark = SharedSpark.get();
        Warehouse wh = Warehouse.open(spark, tmp.resolve("wh").toString());
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        long t0 = System.nanoTime();
        IngestSummary first = new IngestJob(wh, new PrintStream(log, true)).run(List.of(CORPUS.toString()));
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.println(log);
        System.out.println(first.render());
        System.out.printf("full legacy corpus ingest: %.1f s%n", seconds);

        Set<String> resultFiles;
        try (Stream<Path> s = Files.walk(CORPUS)) {
            resultFiles = s.filter(Files::isRegularFile).map(p -> CORPUS.relativize(p).toString())
                    .filter(p -> p.endsWith(".json") && !p.contains("matrix_manifest")).collect(Collectors.toSet());
        }
        Set<String> stored = strings(spark, "SELECT source_path FROM runs");
        Set<String> duplicates = strings(spark, "SELECT source_path FROM data_quality WHERE rule = 'duplicate_file'");
        Set<String> quarantined = strings(spark, "SELECT source_path FROM quarantine WHERE reason <> ''");
        assertThat(resultFiles).hasSize(681);
        for (String f : resultFiles) {
            assertThat(stored.contains(f) || duplicates.contains(f) || quarantined.contains(f))
                    .as("accounted for: %s", f).isTrue();
        }
        assertThat(first.perSource().get("legacy-json").seen).isEqualTo(681);

        Set<String> rules = strings(spark, "SELECT DISTINCT rule FROM data_quality");
        assertThat(rules).contains("all_zero_tokens", "ok_with_zero_tokens", "failed_requests", "duplicate_file",
                "repeated_cell", "spec_tokens_are_chunks", "engine_metrics_all_zero", "prompt_shorter_than_label",
                "json_schema_not_sent", "manifest_absolute_result_path");
        // the files without a model (top of history/results) are flagged, and only they
        long unknownModel = spark.sql("SELECT COUNT(*) FROM runs WHERE model_name IS NULL").first().getLong(0);
        assertThat(unknownModel).isPositive();
        assertThat(spark.sql("SELECT COUNT(*) FROM data_quality q JOIN runs r USING (run_uid) "
                + "WHERE q.rule = 'model_unknown' AND r.model_name IS NULL AND r.collection = 'history/results'")
                .first().getLong(0)).isEqualTo(unknownModel);
        assertThat(spark.sql("SELECT COUNT(*) FROM data_quality WHERE rule = 'model_unknown'").first().getLong(0))
                .isEqualTo(unknownModel);
        assertThat(spark.sql("SELECT * FROM data_quality WHERE rule = 'prompt_shorter_than_label' "
                + "AND source_path LIKE '%long_context_stress%'").count()).isGreaterThan(0);
        // ramps: levels[i / requests_per_level]
        Row ramp = spark.sql("""
                SELECT MIN(concurrency), MAX(concurrency), COUNT(DISTINCT level_index) FROM requests r
                JOIN runs USING (run_uid) WHERE runs.scenario = 'throughput_ramp' AND runs.collection = 'head/results'
                """).first();
        assertThat(ramp.getInt(0)).isEqualTo(1);
        assertThat(ramp.getInt(1)).isEqualTo(64);
        assertThat(spark.sql("SELECT COUNT(*) FROM runs WHERE model_params_b IS NULL AND model IS NOT NULL")
                .first().getLong(0)).isZero();

        List<Row> before = snapshotRows(spark);
        IngestSummary second = new IngestJob(wh, new PrintStream(log, true)).run(List.of(CORPUS.toString()));
        assertThat(second.ingested()).isEqualTo(first.ingested());
        assertThat(snapshotRows(spark)).isEqualTo(before);
    }

    private static List<Row> snapshotRows(SparkSession spark) {
        return Tables.BASE.stream().filter(t -> !t.equals(Tables.REQUESTS) && !t.equals(Tables.ENGINE_METRICS))
                .flatMap(t -> spark.sql("SELECT * FROM " + t + " ORDER BY ALL").collectAsList().stream())
                .collect(Collectors.toList()).stream()
                .collect(Collectors.collectingAndThen(Collectors.toList(), l -> {
                    l.add(spark.sql("SELECT COUNT(*), SUM(completed_ns), SUM(concurrency) FROM requests").first());
                    l.add(spark.sql("SELECT COUNT(*), SUM(value) FROM engine_metrics").first());
                    return l;
                }));
    }

    private static Set<String> strings(SparkSession spark, String sql) {
        return spark.sql(sql).collectAsList().stream().map(r -> r.getString(0)).collect(Collectors.toSet());
    }
}

package io.enginebench.dashboard.results;

import com.fasterxml.jackson.databind.JsonNode;
import io.enginebench.dashboard.DashboardConfig;
import io.enginebench.dashboard.DashboardServer;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.TraceJson;
import io.enginebench.trace.TraceSchema;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The results API over a small warehouse laid out as docs/WAREHOUSE.md says, read with Spark SQL: the session starts
 * only with the first results request, filters work, run detail comes from run_summary, compare from winners and
 * cell_summary, and run folders the warehouse lacks are listed once.
 */
class WarehouseResultsTest {
    @TempDir Path tmp;

    @Test
    void runsDetailAndCompareFromTheWarehouse() throws Exception {
        Path wh = tmp.resolve("warehouse");
        Path results = tmp.resolve("raw-results");
        writeRunFolder(results, "11111111-1111-1111-1111-111111111111");  // ingested: must not show twice
        writeRunFolder(results, "22222222-2222-2222-2222-222222222222");  // not ingested

        DashboardConfig cfg = DashboardConfig.defaults().withPort(0).withDirs(results, wh, tmp.resolve("reports"));
        try (DashboardServer d = DashboardServer.start(cfg)) {
            // build the warehouse only now, through the same default session the dashboard will use
            assertThat(SparkSession.getDefaultSession().isDefined()).isFalse();
            get(d, "/api/status");
            assertThat(SparkSession.getDefaultSession().isDefined()).as("no Spark for the live view").isFalse();
            writeWarehouse(wh);

            JsonNode all = get(d, "/api/runs");
            assertThat(all.path("warehouse").asBoolean()).isTrue();
            assertThat(uids(all)).containsExactly("11111111-1111-1111-1111-111111111111", "legacy-aa",
                    "22222222-2222-2222-2222-222222222222");
            assertThat(all.path("runs").get(0).path("timestamp").asText()).isEqualTo("2026-11-20T10:00:00Z");
            assertThat(all.path("runs").get(0).has("scenario_config")).isFalse();
            assertThat(uids(get(d, "/api/runs?engine=sglang"))).containsExactly("legacy-aa");
            assertThat(uids(get(d, "/api/runs?model=Qwen3-8B&date=2026-11-20")))
                    .containsExactly("11111111-1111-1111-1111-111111111111");
            assertThat(uids(get(d, "/api/runs?model=org/Qwen3-8B&variant=vllm&scenario=steady_chat")))
                    .containsExactly("11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222");
            assertThat(uids(get(d, "/api/runs?date=2026-01-01"))).isEmpty();
            assertThat(uids(get(d, "/api/runs?model=x' OR '1'='1"))).isEmpty();  // parameters, not SQL text

            JsonNode detail = get(d, "/api/runs/11111111-1111-1111-1111-111111111111");
            assertThat(detail.path("run").path("engine").asText()).isEqualTo("vllm");
            assertThat(detail.path("summary").path("output_tps").asDouble()).isEqualTo(900.0);
            assertThat(detail.path("levels")).hasSize(2);
            assertThat(detail.path("levels").get(0).path("concurrency").asInt()).isEqualTo(1);
            assertThat(detail.path("levels").get(1).path("output_tps").asDouble()).isEqualTo(1500.0);
            JsonNode folderOnly = get(d, "/api/runs/22222222-2222-2222-2222-222222222222");
            assertThat(folderOnly.path("run").path("ingested").asBoolean()).isFalse();
            assertThat(folderOnly.path("note").asText()).contains("bench analyze");

            JsonNode cmp = get(d, "/api/compare?scenario=steady_chat&model=org/Qwen3-8B");
            assertThat(cmp.path("model_name").asText()).isEqualTo("Qwen3-8B");
            assertThat(cmp.path("winners")).hasSize(1);
            assertThat(cmp.path("winners").get(0).path("verdict").asText()).isEqualTo("a");
            assertThat(cmp.path("winners").get(0).path("winner").asText()).isEqualTo("sglang");
            assertThat(cmp.path("cells")).hasSize(2);
            assertThat(cmp.path("rule").asText()).contains("CIs do not overlap");
        }
    }

    private static List<String> uids(JsonNode runs) {
        List<String> out = new ArrayList<>();
        runs.path("runs").forEach(r -> out.add(r.path("run_uid").asText()));
        return out;
    }

    private static void writeRunFolder(Path results, String runId) throws Exception {
        new RunFolder(results.resolve(runId)).writeManifest(new RunManifest(runId, TraceSchema.VERSION,
                "2026-11-19T08:00:00Z", "2026-11-19T08:10:00Z", RunStatus.COMPLETE, "steady_chat",
                TraceJson.mapper().createObjectNode(),
                new RunManifest.EngineInfo("vllm", "vllm", "http://x", "org/Qwen3-8B", "0.11", null, null),
                "h100", null, "host", "17", 1, null, Map.of(), 0, null, Map.of("ok", 10L)));
    }

    private static void writeWarehouse(Path wh) throws Exception {
        SparkSession spark = io.enginebench.pipeline.spark.Sessions.getOrCreate("warehouse-fixture");
        String snap = wh.resolve("snapshots/s1").toString();
        spark.sql("SELECT * FROM VALUES "
                + "('11111111-1111-1111-1111-111111111111', 'native', TIMESTAMP'2026-11-20 10:00:00', 'complete', "
                + "'steady_chat', '{}', 'vllm', 'vllm', false, 'vllm', 'org/Qwen3-8B', 'Qwen3-8B', 1), "
                + "('legacy-aa', 'legacy-json', TIMESTAMP'2026-11-18 09:00:00', 'complete', 'steady_chat', '{}', "
                + "'sglang', 'sglang', false, 'sglang', 'org/Qwen3-8B', 'Qwen3-8B', 1) "
                + "AS t(run_uid, source, timestamp, status, scenario, scenario_config, engine, engine_kind, simulated, "
                + "engine_variant, model, model_name, iteration)").write().parquet(snap + "/runs");
        spark.sql("SELECT * FROM VALUES "
                + "('11111111-1111-1111-1111-111111111111', 'level', 1, 4, CAST(NULL AS STRING), 1500.0), "
                + "('11111111-1111-1111-1111-111111111111', 'run', NULL, NULL, NULL, 900.0), "
                + "('legacy-aa', 'run', NULL, NULL, NULL, 700.0), "
                + "('11111111-1111-1111-1111-111111111111', 'level', 0, 1, NULL, 300.0) "
                + "AS t(run_uid, scope, level_index, concurrency, arm, output_tps)")
                .write().parquet(wh.resolve("derived/run_summary").toString());
        spark.sql("SELECT * FROM VALUES "
                + "('Qwen3-8B', 'steady_chat', 256, 'run', NULL, NULL, 'output_tps', 'higher_is_better', 'sglang', 3, "
                + "1000.0, 10.0, 'vllm', 3, 900.0, 12.0, 'a', 'sglang', 'rule'), "
                + "('Qwen3-8B', 'other', 256, 'run', NULL, NULL, 'output_tps', 'higher_is_better', 'sglang', 3, "
                + "1000.0, 10.0, 'vllm', 3, 900.0, 12.0, 'a', 'sglang', 'rule') "
                + "AS t(model_name, scenario, max_tokens, scope, level_index, arm, metric, direction, engine_a, n_a, "
                + "mean_a, ci95_a, engine_b, n_b, mean_b, ci95_b, verdict, winner, rule)")
                .write().parquet(wh.resolve("derived/winners").toString());
        spark.sql("SELECT * FROM VALUES "
                + "('Qwen3-8B', 'sglang', 'steady_chat', 256, 'run', NULL, NULL, 'output_tps', 3, 1000.0), "
                + "('Qwen3-8B', 'vllm', 'steady_chat', 256, 'run', NULL, NULL, 'output_tps', 3, 900.0) "
                + "AS t(model_name, engine_group, scenario, max_tokens, scope, level_index, arm, metric, n, mean)")
                .write().parquet(wh.resolve("derived/cell_summary").toString());
        for (String base : List.of("requests", "engine_metrics", "data_quality", "quarantine")) {
            spark.createDataFrame(List.of(), io.enginebench.pipeline.warehouse.Tables.SCHEMAS.get(base))
                    .write().parquet(snap + "/" + base);
        }
        Files.writeString(wh.resolve("CURRENT"), "s1\n");
    }

    private static JsonNode get(DashboardServer d, String pathAndQuery) throws Exception {
        String[] parts = pathAndQuery.split("\\?", 2);
        URI uri = new URI("http", null, "127.0.0.1", d.port(), parts[0], parts.length > 1 ? parts[1] : null, null);
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(java.time.Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(pathAndQuery + ": " + res.body()).isEqualTo(200);
        return TraceJson.mapper().readTree(res.body());
    }
}

package io.enginebench.pipeline.sql;

import io.enginebench.pipeline.sql.spark.WarehouseViews;
import io.enginebench.pipeline.warehouse.SqlViews;
import org.apache.spark.sql.SparkSession;

/**
 * A tiny warehouse of temp views with the documented column names (docs/WAREHOUSE.md, derived tables): two native
 * runs (vllm, sglang) with engine samples and chunks, one legacy run (sent_ns = 0, no chunks, no common epoch).
 */
public final class TestWarehouse implements WarehouseViews {
    public static final String NATIVE_VLLM = "11111111-1111-1111-1111-111111111111";
    public static final String NATIVE_SGLANG = "22222222-2222-2222-2222-222222222222";
    public static final String LEGACY = "legacy-abcd1234-1700000000000-0123456789ab";

    @Override
    public void register(SparkSession spark) {
        view(spark, "runs", """
            SELECT * FROM VALUES
             ('%s', '%s', 'native', 'raw/a', CAST(NULL AS STRING), TIMESTAMP'2026-01-01 10:00:00', 'complete',
              'prefix_sharing_benefit', 'vllm', 'vllm', false, 'vllm', CAST(NULL AS STRING), 'Qwen/Qwen3-8B', 'Qwen3-8B',
              8.0D, 1, 256, 'sim', 4, false),
             ('%s', '%s', 'native', 'raw/b', NULL, TIMESTAMP'2026-01-01 11:00:00', 'complete',
              'prefix_sharing_benefit', 'sglang', 'sglang', false, 'sglang', NULL, 'Qwen/Qwen3-8B', 'Qwen3-8B',
              8.0D, 1, 256, 'sim', 4, false),
             ('%s', 'abcd1234', 'legacy-json', 'head/results/x.json', 'head/results', TIMESTAMP'2025-06-01 09:00:00',
              'complete', 'prefix_sharing_benefit', 'vllm', 'vllm', false, 'vllm', NULL, 'Qwen/Qwen3-8B', 'Qwen3-8B',
              8.0D, 1, 256, 'unknown', 3, false)
            AS t(run_uid, run_id, source, source_path, collection, timestamp, status, scenario, engine, engine_kind,
                 simulated, engine_variant, spec_method, model, model_name, model_params_b, iteration, max_tokens,
                 hardware, request_count, client_bound)
            """.formatted(NATIVE_VLLM, NATIVE_VLLM, NATIVE_SGLANG, NATIVE_SGLANG, LEGACY));
        // ttft = first_token_ns - sent_ns: vllm 50/60/300 ms, sglang 40/45 ms, legacy 80/90/100 ms
        view(spark, "requests", """
            SELECT run_uid, CAST(request_index AS BIGINT) request_index, phase, 0 AS level_index, 4 AS concurrency,
                   CAST(NULL AS DOUBLE) target_rate, arm, 'completions' endpoint, 256 max_tokens,
                   CAST(sent_ns AS BIGINT) scheduled_ns, CAST(sent_ns AS BIGINT) sent_ns,
                   CAST(first_token_ns AS BIGINT) first_token_ns, CAST(completed_ns AS BIGINT) last_token_ns,
                   CAST(completed_ns AS BIGINT) completed_ns,
                   transform(sequence(1, chunks), i -> CAST(first_token_ns + (i - 1) * 10000000L AS BIGINT))
                     AS chunk_offsets_ns,
                   transform(sequence(1, chunks), i -> 1) AS chunk_tokens, false AS chunk_tokens_exact,
                   100 prompt_tokens, tokens completion_tokens, cached cached_tokens, usage usage_reported,
                   tokens content_chunk_count, outcome, CAST(NULL AS STRING) error, source
            FROM VALUES
             ('%1$s', 0, 'warmup', 'shared', 0, 20000000, 100000000, 4, 4, 0, true, 'ok', 'native'),
             ('%1$s', 1, 'measured', 'shared', 1000000000, 1050000000, 1200000000, 4, 4, 64, true, 'ok', 'native'),
             ('%1$s', 2, 'measured', 'unique', 2000000000, 2060000000, 2200000000, 4, 4, 0, true, 'ok', 'native'),
             ('%1$s', 3, 'measured', 'unique', 3000000000, 3300000000, 3500000000, 4, 4, 0, true, 'ok', 'native'),
             ('%1$s', 4, 'measured', 'unique', 3100000000, NULL, NULL, 0, 0, 0, true, 'timeout', 'native'),
             ('%2$s', 0, 'measured', 'shared', 1000000000, 1040000000, 1100000000, 3, 3, 64, true, 'ok', 'native'),
             ('%2$s', 1, 'measured', 'unique', 2000000000, 2045000000, 2150000000, 3, 3, 0, true, 'ok', 'native'),
             ('%3$s', 0, 'measured', NULL, 0, 80000000, 900000000, 0, 40, NULL, false, 'ok', 'legacy-json'),
             ('%3$s', 1, 'measured', NULL, 0, 90000000, 950000000, 0, 41, NULL, false, 'ok', 'legacy-json'),
             ('%3$s', 2, 'measured', NULL, 0, 100000000, 990000000, 0, 39, NULL, false, 'ok', 'legacy-json')
            AS t(run_uid, request_index, phase, arm, sent_ns, first_token_ns, completed_ns, chunks, tokens, cached,
                 usage, outcome, source)
            """.formatted(NATIVE_VLLM, NATIVE_SGLANG, LEGACY));
        SqlViews.register(spark);   // chunks, over the requests above
        // queue depth (requests_waiting) rises over the vllm run: 0 at 0.5 s, 2 at 1.5 s, 7 at 2.5 s
        view(spark, "engine_metrics", """
            SELECT run_uid, run_uid AS run_id, CAST(t_ns AS BIGINT) t_ns, source, name, name AS raw_name,
                   '' AS labels, CAST(value AS DOUBLE) value FROM VALUES
             ('%1$s', 500000000, 'prometheus', 'requests_waiting', 0),
             ('%1$s', 1500000000, 'prometheus', 'requests_waiting', 2),
             ('%1$s', 2500000000, 'prometheus', 'requests_waiting', 7),
             ('%1$s', 500000000, 'prometheus', 'prefix_cache_queries_total', 100),
             ('%1$s', 2500000000, 'prometheus', 'prefix_cache_queries_total', 300),
             ('%2$s', 900000000, 'prometheus', 'requests_waiting', 1),
             ('%3$s', 0, 'legacy', 'requests_waiting', 5)
            AS t(run_uid, t_ns, source, name, value)
            """.formatted(NATIVE_VLLM, NATIVE_SGLANG, LEGACY));
        view(spark, "data_quality", """
            SELECT * FROM VALUES
             ('%s', 'head/results/x.json', 'usage_not_reported', 'warning', 'completion_tokens are chunk counts'),
             (CAST(NULL AS STRING), 'head/results/broken.json', 'unparseable', 'error', 'Unexpected end of input')
            AS t(run_uid, source_path, rule, severity, detail)
            """.formatted(LEGACY));
        view(spark, "quarantine", """
            SELECT * FROM VALUES ('head/results/broken.json', 'Unexpected end of input') AS t(source_path, reason)
            """);
        view(spark, "data_quality_summary", """
            SELECT * FROM VALUES ('usage_not_reported', 'warning', 'legacy-json', 1L),
                                 ('unparseable', 'error', 'unparsed', 1L)
            AS t(rule, severity, source, count)
            """);
        view(spark, "run_summary", """
            SELECT u.run_uid, u.source, u.collection, u.model, u.model_name, u.model_params_b, u.engine,
                   u.engine_variant, u.spec_method, coalesce(u.engine_variant, u.engine) AS engine_group, u.scenario,
                   u.iteration, u.max_tokens, u.simulated, u.client_bound, u.timestamp, 'run' AS scope,
                   CAST(NULL AS INT) level_index, CAST(NULL AS INT) concurrency, CAST(NULL AS DOUBLE) target_rate,
                   CAST(NULL AS STRING) arm, count(*) requests_total, count_if(r.outcome = 'ok') requests_ok,
                   count_if(r.outcome <> 'ok') requests_failed,
                   count_if(r.outcome <> 'ok') / count(*) error_rate, 1.0D duration_s, 'span' duration_source,
                   sum(r.completion_tokens) / 1.0D output_tps, count(*) / 1.0D request_rps,
                   percentile((r.first_token_ns - r.sent_ns) / 1e6, 0.5) ttft_ms_p50,
                   percentile((r.first_token_ns - r.sent_ns) / 1e6, 0.99) ttft_ms_p99,
                   percentile((r.completed_ns - r.sent_ns) / 1e6, 0.5) e2e_ms_p50,
                   percentile((r.completed_ns - r.first_token_ns) / 1e6 / greatest(r.completion_tokens - 1, 1), 0.5)
                     tpot_ms_p50,
                   'spec-separate' selection_policy
            FROM runs u JOIN requests r ON r.run_uid = u.run_uid AND r.phase = 'measured'
            GROUP BY ALL
            """);
        view(spark, "prefix_cache", """
            SELECT run_uid, source, model_name, coalesce(engine_variant, engine) engine_group, engine, scenario,
                   300L queries, 120L hits, 0.4D hit_rate, 0.3D cached_token_share, 0.6D cached_token_share_shared,
                   0.0D cached_token_share_unique, 45.0D ttft_ms_p50_shared, 60.0D ttft_ms_p50_unique,
                   0.75D ttft_ratio, 'spec-separate' selection_policy
            FROM runs WHERE source = 'native'
            """);
    }

    private static void view(SparkSession spark, String name, String sql) {
        spark.sql(sql).createOrReplaceTempView(name);
    }
}

-- Databricks notebook source
-- engines: duckdb, spark

-- COMMAND ----------

-- MAGIC %md
-- MAGIC # Prefix-cache benefit
-- MAGIC
-- MAGIC Runs of `prefix_sharing_benefit` (or any run with both arms `shared` and `unique`): requests of the `shared`
-- MAGIC arm reuse a long common prefix, `unique` ones do not. The engine's prefix cache should make the shared arm's
-- MAGIC TTFT shorter. `ttft_ratio` = shared / unique median TTFT (below 1 = benefit), `hit_rate` from the engine's
-- MAGIC counters, `cached_token_share` from the usage the server reported.

-- COMMAND ----------

-- chart: bar x=engine_group y=ttft_ratio color=model_name title="TTFT shared / unique (lower = more benefit)"
SELECT model_name, engine_group, scenario, run_uid,
       round(hit_rate, 3) AS hit_rate,
       round(cached_token_share_shared, 3) AS cached_token_share_shared,
       round(ttft_ms_p50_shared, 2) AS ttft_ms_p50_shared,
       round(ttft_ms_p50_unique, 2) AS ttft_ms_p50_unique,
       round(ttft_ratio, 3) AS ttft_ratio
FROM prefix_cache
ORDER BY model_name, engine_group, run_uid

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## The same from the requests
-- MAGIC
-- MAGIC Median TTFT and cached-token share per arm, straight from `requests` (measured, ok), to check the derived table.

-- COMMAND ----------

-- chart: bar x=engine_group y=ttft_ms_p50 color=arm
SELECT coalesce(u.engine_variant, u.engine) AS engine_group, u.model_name, r.arm,
       count(*) AS requests,
       round(percentile((r.first_token_ns - r.sent_ns) / 1e6, 0.5), 2) AS ttft_ms_p50,
       round(sum(r.cached_tokens) / nullif(sum(r.prompt_tokens), 0), 3) AS cached_token_share
FROM requests r JOIN runs u ON u.run_uid = r.run_uid
WHERE r.phase = 'measured' AND r.outcome = 'ok' AND r.arm IN ('shared', 'unique')
GROUP BY 1, 2, 3
ORDER BY engine_group, u.model_name, r.arm

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Engine counters per run
-- MAGIC
-- MAGIC Growth (last − first sample) of the prefix-cache counters over each run, summed over series.

-- COMMAND ----------

WITH series AS (
  SELECT run_uid, name, labels,
         max_by(value, t_ns) - min_by(value, t_ns) AS delta
  FROM engine_metrics
  WHERE name IN ('prefix_cache_queries_total', 'prefix_cache_hits_total')
  GROUP BY run_uid, name, labels
)
SELECT u.model_name, coalesce(u.engine_variant, u.engine) AS engine_group, s.run_uid,
       sum(s.delta) FILTER (WHERE s.name = 'prefix_cache_queries_total') AS queries,
       sum(s.delta) FILTER (WHERE s.name = 'prefix_cache_hits_total') AS hits,
       round(sum(s.delta) FILTER (WHERE s.name = 'prefix_cache_hits_total')
             / nullif(sum(s.delta) FILTER (WHERE s.name = 'prefix_cache_queries_total'), 0), 3) AS hit_rate
FROM series s JOIN runs u ON u.run_uid = s.run_uid
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3

-- Databricks notebook source
-- engines: duckdb, spark

-- COMMAND ----------

-- MAGIC %md
-- MAGIC # Inter-token latency by decode position
-- MAGIC
-- MAGIC Does decoding slow down as the output grows (longer KV cache, more attention work)? From the `chunks` view:
-- MAGIC the gap between consecutive content chunks, per token (`gap_ns / tokens`), grouped by the chunk's position in
-- MAGIC the output. Measured, successful requests only. Legacy runs have no chunk timings and do not appear.
-- MAGIC
-- MAGIC Positions are exact up to 32, then in buckets of 32 chunks.

-- COMMAND ----------

-- chart: line x=position y=itl_ms_p50 color=engine_group title="Per-token gap (median) by position in the output"
SELECT coalesce(u.engine_variant, u.engine) AS engine_group,
       CASE WHEN c.chunk_index < 32 THEN c.chunk_index ELSE CAST(floor(c.chunk_index / 32) * 32 AS INT) END AS position,
       count(*) AS gaps,
       round(percentile(c.gap_ns / 1e6 / c.tokens, 0.5), 3) AS itl_ms_p50,
       round(percentile(c.gap_ns / 1e6 / c.tokens, 0.95), 3) AS itl_ms_p95
FROM chunks c
JOIN requests r ON r.run_uid = c.run_uid AND r.request_index = c.request_index
JOIN runs u ON u.run_uid = c.run_uid
WHERE r.phase = 'measured' AND r.outcome = 'ok' AND c.gap_ns IS NOT NULL AND c.tokens > 0
GROUP BY 1, 2
ORDER BY engine_group, position

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Per run: early vs late decode
-- MAGIC
-- MAGIC Median per-token gap in the first 16 chunks against the rest; `slowdown_pct` > 0 means later tokens are slower.

-- COMMAND ----------

-- chart: bar x=run_label y=slowdown_pct color=engine_group
WITH g AS (
  SELECT c.run_uid, c.chunk_index, c.gap_ns / 1e6 / c.tokens AS itl_ms
  FROM chunks c
  JOIN requests r ON r.run_uid = c.run_uid AND r.request_index = c.request_index
  WHERE r.phase = 'measured' AND r.outcome = 'ok' AND c.gap_ns IS NOT NULL AND c.tokens > 0
)
SELECT coalesce(u.engine_variant, u.engine) AS engine_group, u.model_name, u.scenario,
       concat(u.scenario, ' #', u.iteration, ' ', substr(g.run_uid, 1, 8)) AS run_label,
       round(percentile(CASE WHEN g.chunk_index < 16 THEN g.itl_ms END, 0.5), 3) AS itl_ms_p50_early,
       round(percentile(CASE WHEN g.chunk_index >= 16 THEN g.itl_ms END, 0.5), 3) AS itl_ms_p50_late,
       coalesce(round((percentile(CASE WHEN g.chunk_index >= 16 THEN g.itl_ms END, 0.5)
               / percentile(CASE WHEN g.chunk_index < 16 THEN g.itl_ms END, 0.5) - 1) * 100, 1), 0) AS slowdown_pct
FROM g JOIN runs u ON u.run_uid = g.run_uid
GROUP BY 1, 2, 3, 4
ORDER BY engine_group, run_label

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Per-request TPOT (from the request timestamps)
-- MAGIC
-- MAGIC `(last_token_ns − first_token_ns) / (completion_tokens − 1)`, requests with more than one token, by engine and
-- MAGIC source. Legacy `completion_tokens` are chunk counts (`usage_reported = false`), so legacy TPOT is per chunk.

-- COMMAND ----------

SELECT r.source, coalesce(u.engine_variant, u.engine) AS engine_group, u.model_name,
       count(*) AS requests,
       round(percentile((r.last_token_ns - r.first_token_ns) / 1e6 / (r.completion_tokens - 1), 0.5), 3) AS tpot_ms_p50,
       round(percentile((r.last_token_ns - r.first_token_ns) / 1e6 / (r.completion_tokens - 1), 0.95), 3) AS tpot_ms_p95,
       round(avg(CASE WHEN r.usage_reported THEN 1.0 ELSE 0.0 END), 2) AS usage_reported_share
FROM requests r JOIN runs u ON u.run_uid = r.run_uid
WHERE r.phase = 'measured' AND r.outcome = 'ok' AND r.completion_tokens > 1
GROUP BY 1, 2, 3
ORDER BY r.source, engine_group

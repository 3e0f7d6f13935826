-- Databricks notebook source
-- engines: duckdb, spark

-- COMMAND ----------

-- MAGIC %md
-- MAGIC # Tail-latency outliers
-- MAGIC
-- MAGIC Which requests make the tail? For each run: the median and p99 of end-to-end latency (`completed_ns − sent_ns`)
-- MAGIC over measured, successful requests; an **outlier** is a request above its run's p99 or slower than 3× its run's
-- MAGIC median. Then: are outliers slow to start (TTFT) or slow to decode?

-- COMMAND ----------

-- chart: scatter x=ttft_ms y=e2e_ms color=engine_group title="Every request: TTFT vs end-to-end"
SELECT coalesce(u.engine_variant, u.engine) AS engine_group, r.source, r.run_uid, r.request_index,
       round((r.first_token_ns - r.sent_ns) / 1e6, 2) AS ttft_ms,
       round((r.completed_ns - r.sent_ns) / 1e6, 2) AS e2e_ms
FROM requests r JOIN runs u ON u.run_uid = r.run_uid
WHERE r.phase = 'measured' AND r.outcome = 'ok' AND r.first_token_ns IS NOT NULL
ORDER BY engine_group, e2e_ms

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## The slowest requests relative to their run

-- COMMAND ----------

WITH lat AS (
  SELECT r.*, (r.first_token_ns - r.sent_ns) / 1e6 AS ttft_ms, (r.completed_ns - r.sent_ns) / 1e6 AS e2e_ms
  FROM requests r
  WHERE r.phase = 'measured' AND r.outcome = 'ok' AND r.completed_ns IS NOT NULL
),
per_run AS (
  SELECT run_uid, percentile(e2e_ms, 0.5) AS e2e_p50, percentile(e2e_ms, 0.99) AS e2e_p99
  FROM lat GROUP BY run_uid
)
SELECT coalesce(u.engine_variant, u.engine) AS engine_group, u.scenario, l.run_uid, l.request_index,
       l.level_index, l.concurrency, l.arm, l.prompt_tokens, l.completion_tokens,
       round(l.ttft_ms, 2) AS ttft_ms, round(l.e2e_ms, 2) AS e2e_ms,
       round(p.e2e_p50, 2) AS run_e2e_p50, round(l.e2e_ms / nullif(p.e2e_p50, 0), 2) AS x_median,
       l.e2e_ms > p.e2e_p99 AS above_p99
FROM lat l JOIN per_run p ON p.run_uid = l.run_uid JOIN runs u ON u.run_uid = l.run_uid
WHERE l.e2e_ms > p.e2e_p99 OR l.e2e_ms > 3 * p.e2e_p50
ORDER BY x_median DESC
LIMIT 50

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Outliers per run: start or decode?
-- MAGIC
-- MAGIC `ttft_share` = the outliers' mean TTFT as a share of their mean end-to-end latency. Near 1: they waited to start
-- MAGIC (queueing, prefill); near 0: they decoded slowly or produced long outputs.

-- COMMAND ----------

-- chart: bar x=engine_group y=outliers color=scenario
WITH lat AS (
  SELECT r.run_uid, (r.first_token_ns - r.sent_ns) / 1e6 AS ttft_ms, (r.completed_ns - r.sent_ns) / 1e6 AS e2e_ms
  FROM requests r
  WHERE r.phase = 'measured' AND r.outcome = 'ok' AND r.completed_ns IS NOT NULL
),
per_run AS (
  SELECT run_uid, percentile(e2e_ms, 0.5) AS e2e_p50, percentile(e2e_ms, 0.99) AS e2e_p99, count(*) AS requests
  FROM lat GROUP BY run_uid
)
SELECT coalesce(u.engine_variant, u.engine) AS engine_group, u.scenario, p.run_uid, p.requests,
       count_if(l.e2e_ms > p.e2e_p99 OR l.e2e_ms > 3 * p.e2e_p50) AS outliers,
       round(avg(l.ttft_ms) FILTER (WHERE l.e2e_ms > p.e2e_p99 OR l.e2e_ms > 3 * p.e2e_p50)
             / nullif(avg(l.e2e_ms) FILTER (WHERE l.e2e_ms > p.e2e_p99 OR l.e2e_ms > 3 * p.e2e_p50), 0), 3) AS ttft_share
FROM lat l JOIN per_run p ON p.run_uid = l.run_uid JOIN runs u ON u.run_uid = l.run_uid
GROUP BY 1, 2, 3, 4
ORDER BY outliers DESC, engine_group

-- Databricks notebook source
-- engines: duckdb, spark

-- COMMAND ----------

-- MAGIC %md
-- MAGIC # TTFT vs queue depth at arrival
-- MAGIC
-- MAGIC For every measured request of a native run: the engine's queue depth when it was sent, i.e. the **last
-- MAGIC `requests_waiting` sample at or before the request's `sent_ns`** in the same run, against its time to first
-- MAGIC token (`first_token_ns − sent_ns`). Both clocks are offsets from the same run epoch, so the join is exact.
-- MAGIC
-- MAGIC Legacy runs are left out: their requests have `sent_ns = 0` (no common epoch with the engine samples).

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Per request

-- COMMAND ----------

-- chart: scatter x=queue_depth y=ttft_ms color=engine_group title="TTFT by queue depth at send time"
WITH sent AS (
  SELECT r.run_uid, r.request_index, r.sent_ns,
         (r.first_token_ns - r.sent_ns) / 1e6 AS ttft_ms
  FROM requests r
  WHERE r.source = 'native' AND r.phase = 'measured' AND r.outcome = 'ok'
    AND r.sent_ns IS NOT NULL AND r.first_token_ns IS NOT NULL
),
depth AS (
  SELECT s.run_uid, s.request_index, s.ttft_ms,
         max_by(m.value, m.t_ns) AS queue_depth     -- the latest sample not after the send
  FROM sent s
  JOIN engine_metrics m
    ON m.run_uid = s.run_uid AND m.name = 'requests_waiting' AND m.t_ns <= s.sent_ns
  GROUP BY s.run_uid, s.request_index, s.ttft_ms
)
SELECT coalesce(u.engine_variant, u.engine) AS engine_group, u.model_name, u.scenario,
       d.run_uid, d.request_index, d.queue_depth, round(d.ttft_ms, 2) AS ttft_ms
FROM depth d JOIN runs u ON u.run_uid = d.run_uid
ORDER BY engine_group, d.queue_depth, d.ttft_ms

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Median and p95 TTFT per queue depth
-- MAGIC
-- MAGIC Requests sent before the first engine sample of their run have no known depth and are counted apart.

-- COMMAND ----------

-- chart: line x=queue_depth y=ttft_ms_p50 color=engine_group
WITH sent AS (
  SELECT r.run_uid, r.request_index, r.sent_ns, (r.first_token_ns - r.sent_ns) / 1e6 AS ttft_ms
  FROM requests r
  WHERE r.source = 'native' AND r.phase = 'measured' AND r.outcome = 'ok'
    AND r.sent_ns IS NOT NULL AND r.first_token_ns IS NOT NULL
),
depth AS (
  SELECT s.run_uid, s.request_index, s.ttft_ms, max_by(m.value, m.t_ns) AS queue_depth
  FROM sent s
  LEFT JOIN engine_metrics m
    ON m.run_uid = s.run_uid AND m.name = 'requests_waiting' AND m.t_ns <= s.sent_ns
  GROUP BY s.run_uid, s.request_index, s.ttft_ms
)
SELECT coalesce(u.engine_variant, u.engine) AS engine_group, d.queue_depth,
       count(*) AS requests,
       round(percentile(d.ttft_ms, 0.5), 2) AS ttft_ms_p50,
       round(percentile(d.ttft_ms, 0.95), 2) AS ttft_ms_p95
FROM depth d JOIN runs u ON u.run_uid = d.run_uid
GROUP BY 1, 2
ORDER BY engine_group, queue_depth NULLS FIRST

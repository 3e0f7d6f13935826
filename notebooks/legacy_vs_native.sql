-- Databricks notebook source
-- engines: duckdb, spark

-- COMMAND ----------

-- MAGIC %md
-- MAGIC # Legacy vs native runs
-- MAGIC
-- MAGIC The same model × engine × scenario measured by the older harness (`source = 'legacy-json'`) and by EngineBench
-- MAGIC (`native`). Read the differences with the caveats in mind:
-- MAGIC
-- MAGIC - legacy TTFT is timed from just before the POST (`sent_ns = 0`), native from the socket write;
-- MAGIC - legacy `completion_tokens` are chunk counts (`usage_reported = false`), so legacy TPOT and throughput are per
-- MAGIC   chunk, not per token;
-- MAGIC - legacy run durations come from `legacy_wall_time_s` (`duration_source = 'legacy_wall_time'`).

-- COMMAND ----------

-- chart: bar x=engine_group y=ttft_ms_p50 color=source title="Median TTFT per engine and source (mean over runs)"
SELECT model_name, engine_group, scenario, source,
       count(*) AS runs,
       round(avg(ttft_ms_p50), 2) AS ttft_ms_p50,
       round(avg(tpot_ms_p50), 3) AS tpot_ms_p50,
       round(avg(e2e_ms_p50), 2) AS e2e_ms_p50,
       round(avg(output_tps), 1) AS output_tps,
       round(avg(error_rate), 4) AS error_rate
FROM run_summary
WHERE scope = 'run'
GROUP BY model_name, engine_group, scenario, source
ORDER BY model_name, engine_group, scenario, source

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Side by side where both exist
-- MAGIC
-- MAGIC `native / legacy` ratios for model × engine group × scenario measured both ways.

-- COMMAND ----------

WITH s AS (
  SELECT model_name, engine_group, scenario, source,
         avg(ttft_ms_p50) AS ttft_ms_p50, avg(tpot_ms_p50) AS tpot_ms_p50, avg(output_tps) AS output_tps
  FROM run_summary WHERE scope = 'run'
  GROUP BY model_name, engine_group, scenario, source
)
SELECT n.model_name, n.engine_group, n.scenario,
       round(l.ttft_ms_p50, 2) AS legacy_ttft_ms_p50, round(n.ttft_ms_p50, 2) AS native_ttft_ms_p50,
       round(n.ttft_ms_p50 / nullif(l.ttft_ms_p50, 0), 3) AS ttft_ratio,
       round(n.tpot_ms_p50 / nullif(l.tpot_ms_p50, 0), 3) AS tpot_ratio,
       round(n.output_tps / nullif(l.output_tps, 0), 3) AS tps_ratio
FROM s n JOIN s l
  ON l.model_name = n.model_name AND l.engine_group = n.engine_group AND l.scenario = n.scenario
WHERE n.source = 'native' AND l.source = 'legacy-json'
ORDER BY n.model_name, n.engine_group, n.scenario

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Request-level TTFT distribution by source

-- COMMAND ----------

-- chart: bar x=engine_group y=ttft_ms_p95 color=source
SELECT coalesce(u.engine_variant, u.engine) AS engine_group, r.source, count(*) AS requests,
       round(percentile((r.first_token_ns - r.sent_ns) / 1e6, 0.5), 2) AS ttft_ms_p50,
       round(percentile((r.first_token_ns - r.sent_ns) / 1e6, 0.95), 2) AS ttft_ms_p95,
       round(percentile((r.first_token_ns - r.sent_ns) / 1e6, 0.99), 2) AS ttft_ms_p99
FROM requests r JOIN runs u ON u.run_uid = r.run_uid
WHERE r.phase = 'measured' AND r.outcome = 'ok' AND r.first_token_ns IS NOT NULL
GROUP BY 1, 2
ORDER BY engine_group, r.source

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## What each source covers

-- COMMAND ----------

SELECT source, count(*) AS runs, count(DISTINCT model_name) AS models, count(DISTINCT scenario) AS scenarios,
       min(timestamp) AS first_run, max(timestamp) AS last_run,
       count_if(simulated) AS simulated_runs, count_if(client_bound) AS client_bound_runs
FROM runs
GROUP BY source
ORDER BY source

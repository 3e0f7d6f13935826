-- Databricks notebook source
-- engines: duckdb, spark

-- COMMAND ----------

-- MAGIC %md
-- MAGIC # Data-quality drill-down
-- MAGIC
-- MAGIC What the ingest found: counts per rule, the findings themselves, the files it could not ingest, and runs whose
-- MAGIC numbers need care (client-bound load generator, usage not reported by the server).

-- COMMAND ----------

-- chart: bar x=rule y=count color=severity title="Findings per rule"
SELECT rule, severity, source, count
FROM data_quality_summary
ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, count DESC, rule

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Findings with their runs
-- MAGIC
-- MAGIC Findings on files that never parsed have no run (`run_uid` is null).

-- COMMAND ----------

SELECT q.severity, q.rule, q.source_path, u.source, u.engine, u.model_name, u.scenario, u.timestamp, q.detail
FROM data_quality q LEFT JOIN runs u ON u.run_uid = q.run_uid
ORDER BY CASE q.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, q.rule, q.source_path
LIMIT 500

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Quarantined files

-- COMMAND ----------

SELECT source_path, reason FROM quarantine ORDER BY source_path

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Runs to read with care
-- MAGIC
-- MAGIC Client-bound runs measured the load generator as much as the engine; runs without reported usage count chunks
-- MAGIC instead of tokens; runs with failed requests have `error_rate` > 0.

-- COMMAND ----------

WITH req AS (
  SELECT run_uid, count(*) AS requests,
         avg(CASE WHEN usage_reported THEN 0.0 ELSE 1.0 END) AS usage_missing_share,
         avg(CASE WHEN outcome = 'ok' THEN 0.0 ELSE 1.0 END) AS error_rate
  FROM requests WHERE phase = 'measured' GROUP BY run_uid
),
findings AS (
  SELECT run_uid, count(DISTINCT rule) AS finding_rules FROM data_quality WHERE run_uid IS NOT NULL GROUP BY run_uid
)
SELECT u.run_uid, u.source, u.engine, u.model_name, u.scenario, u.status, u.client_bound, r.requests,
       round(r.usage_missing_share, 2) AS usage_missing_share, round(r.error_rate, 4) AS error_rate,
       coalesce(f.finding_rules, 0) AS finding_rules
FROM runs u
LEFT JOIN req r ON r.run_uid = u.run_uid
LEFT JOIN findings f ON f.run_uid = u.run_uid
WHERE u.client_bound OR r.usage_missing_share > 0 OR r.error_rate > 0 OR f.finding_rules > 0
   OR u.status <> 'complete'
ORDER BY error_rate DESC NULLS LAST, usage_missing_share DESC NULLS LAST, u.run_uid

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Failed requests by outcome

-- COMMAND ----------

SELECT r.source, coalesce(u.engine_variant, u.engine) AS engine_group, r.outcome, count(*) AS requests,
       min(r.error) AS example_error
FROM requests r JOIN runs u ON u.run_uid = r.run_uid
WHERE r.phase = 'measured' AND r.outcome <> 'ok'
GROUP BY 1, 2, 3
ORDER BY requests DESC

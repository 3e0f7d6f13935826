package io.enginebench.dashboard.results;

import io.enginebench.dashboard.live.RunWatcher;
import io.enginebench.pipeline.compare.Comparison;
import io.enginebench.pipeline.compare.RegressionGate;
import io.enginebench.pipeline.compare.RunSelector;
import io.enginebench.pipeline.compare.Verdict;
import io.enginebench.pipeline.compare.VerdictTable;
import io.enginebench.pipeline.warehouse.MissingTableHint;
import io.enginebench.pipeline.warehouse.WarehouseTable;
import io.enginebench.trace.UserFacingException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The JSON answers of {@code /api/*}: the warehouse for what was ingested, run folders for the rest. */
public final class ResultsApi {
    private final ResultsSource warehouse;
    private final RunFolderIndex folders;
    private final RunWatcher watcher;

    public ResultsApi(ResultsSource warehouse, RunFolderIndex folders, RunWatcher watcher) {
        this.warehouse = warehouse;
        this.folders = folders;
        this.watcher = watcher;
    }

    /** {@code GET /api/runs}: warehouse runs first, then run folders the warehouse does not have. */
    public Map<String, Object> runs(RunFilter filter) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<String> known = new HashSet<>();
        boolean hasWarehouse = warehouse.available();
        if (hasWarehouse) {
            for (Map<String, Object> r : warehouse.runs(filter)) {
                Map<String, Object> row = new LinkedHashMap<>(r);
                row.put("ingested", true);
                rows.add(row);
                known.add(String.valueOf(r.get("run_uid")));
            }
            // a run folder's uid is its run_id; ingested ones must not appear twice, whatever the filter
            for (Map<String, Object> r : warehouse.runs(RunFilter.none())) known.add(String.valueOf(r.get("run_uid")));
        }
        for (Map<String, Object> r : folders.runs(filter)) {
            if (!known.contains(String.valueOf(r.get("run_uid")))) rows.add(r);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("warehouse", hasWarehouse);
        out.put("count", rows.size());
        out.put("runs", rows);
        return out;
    }

    /** {@code GET /api/runs/{run_uid}}: the run, its whole-run summary and its per-level (and per-arm) rows. */
    public Optional<Map<String, Object>> run(String runUid) {
        Optional<Map<String, Object>> run = warehouse.available() ? warehouse.run(runUid) : Optional.empty();
        List<Map<String, Object>> summary = run.isPresent() ? warehouse.runSummary(runUid) : List.of();
        if (run.isEmpty()) run = folders.run(runUid);
        if (run.isEmpty()) return Optional.empty();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", run.get());
        out.put("summary", summary.stream().filter(r -> "run".equals(r.get("scope"))).findFirst().orElse(null));
        out.put("levels", summary.stream().filter(r -> "level".equals(r.get("scope"))).toList());
        out.put("arms", summary.stream().filter(r -> "arm".equals(r.get("scope"))).toList());
        if (summary.isEmpty()) {
            boolean ingested = warehouse.available() && warehouse.run(runUid).isPresent();
            out.put("note", ingested && !warehouse.has(WarehouseTable.RUN_SUMMARY)
                    ? MissingTableHint.forTable(WarehouseTable.RUN_SUMMARY)
                    : "no derived summary yet: run bench ingest and bench analyze");
        }
        return Optional.of(out);
    }

    /** {@code GET /api/compare?scenario=&model=}: engine-vs-engine verdicts and the per-engine cell statistics. */
    public Map<String, Object> compare(String scenario, String model) {
        return compare(scenario, model, null, null, null);
    }

    /**
     * {@code GET /api/compare?baseline=&candidate=[&fail_on_regression=]}: the verdicts of {@code bench compare
     * --baseline --candidate} (same code, same rule), with the gate's outcome when a threshold is given; without
     * selectors, {@code scenario} and {@code model} select the derived {@code winners} rows as before.
     */
    public Map<String, Object> compare(String scenario, String model, String baseline, String candidate,
                                       String failOnRegression) {
        baseline = RunFilter.blankToNull(baseline);
        candidate = RunFilter.blankToNull(candidate);
        if (baseline == null && candidate == null) return winners(scenario, model);
        if (baseline == null || candidate == null) {
            throw new UserFacingException("compare needs both baseline and candidate");
        }
        RunSelector b = RunSelector.parse(baseline);
        RunSelector c = RunSelector.parse(candidate);
        RegressionGate gate = RunFilter.blankToNull(failOnRegression) == null ? RegressionGate.none()
                : RegressionGate.parse(failOnRegression);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("baseline", b.text());
        out.put("candidate", c.text());
        boolean has = warehouse.available();
        out.put("warehouse", has);
        Comparison cmp = has ? warehouse.compare(b, c) : null;
        List<Verdict> verdicts = cmp == null ? List.of() : cmp.verdicts();
        out.put("baseline_runs", cmp == null ? 0 : cmp.baselineRuns());
        out.put("candidate_runs", cmp == null ? 0 : cmp.candidateRuns());
        out.put("verdicts", verdicts.stream().map(v -> verdictRow(v, gate)).toList());
        RegressionGate.Result result = gate.evaluate(verdicts);
        out.put("outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT));
        out.put("reasons", result.reasons());
        out.put("rule", VerdictTable.rule());
        return out;
    }

    private Map<String, Object> winners(String scenario, String model) {
        scenario = RunFilter.blankToNull(scenario);
        model = RunFilter.blankToNull(model);
        if (scenario == null || model == null) {
            throw new UserFacingException("compare needs both scenario and model, or baseline and candidate");
        }
        String modelName = RunFolderIndex.lastSegment(model);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", scenario);
        out.put("model_name", modelName);
        boolean has = warehouse.available();
        out.put("warehouse", has);
        out.put("winners", has ? warehouse.winners(scenario, modelName) : List.of());
        if (has && !warehouse.has(WarehouseTable.WINNERS)) {
            out.put("note", MissingTableHint.forTable(WarehouseTable.WINNERS));
        }
        out.put("cells", has ? warehouse.cellSummary(scenario, modelName) : List.of());
        out.put("rule", VerdictTable.rule());
        return out;
    }

    /** A verdict as JSON: its keys and statistics in the column names of {@code verdicts.csv}. */
    static Map<String, Object> verdictRow(Verdict v, RegressionGate gate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model_name", v.modelName());
        m.put("scenario", v.scenario());
        m.put("config_hash", v.configHash());
        m.put("max_tokens", v.maxTokens());
        m.put("scope", v.scope());
        m.put("level_index", v.levelIndex());
        m.put("concurrency", v.concurrency());
        m.put("target_rate", v.targetRate());
        m.put("arm", v.arm());
        m.put("latency_basis", v.latencyBasis());
        m.put("load", v.load());
        m.put("metric", v.metric());
        m.put("direction", v.higherIsBetter() ? "higher_is_better" : "lower_is_better");
        m.put("n_baseline", v.nBaseline());
        m.put("mean_baseline", v.meanBaseline());
        m.put("ci95_baseline", v.ci95Baseline());
        m.put("n_candidate", v.nCandidate());
        m.put("mean_candidate", v.meanCandidate());
        m.put("ci95_candidate", v.ci95Candidate());
        m.put("change_pct", v.changePct());
        m.put("verdict", v.verdict());
        m.put("regression", gate.regressed(v));
        return m;
    }

    /** {@code GET /api/status}: the runs being watched and every matrix in the results folder. */
    public Object status() { return watcher.current(); }
}

package io.enginebench.dashboard.results;

import io.enginebench.dashboard.live.RunWatcher;
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
            out.put("note", "no derived summary yet: run bench ingest and bench analyze");
        }
        return Optional.of(out);
    }

    /** {@code GET /api/compare?scenario=&model=}: engine-vs-engine verdicts and the per-engine cell statistics. */
    public Map<String, Object> compare(String scenario, String model) {
        scenario = RunFilter.blankToNull(scenario);
        model = RunFilter.blankToNull(model);
        if (scenario == null || model == null) {
            throw new UserFacingException("compare needs both scenario and model");
        }
        String modelName = RunFolderIndex.lastSegment(model);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", scenario);
        out.put("model_name", modelName);
        boolean has = warehouse.available();
        out.put("warehouse", has);
        out.put("winners", has ? warehouse.winners(scenario, modelName) : List.of());
        out.put("cells", has ? warehouse.cellSummary(scenario, modelName) : List.of());
        out.put("rule", "winner only if the 95% CIs do not overlap (|mean_a - mean_b| > ci95_a + ci95_b); "
                + "else tie; n < 2 on either side: insufficient_data");
        return out;
    }

    /** {@code GET /api/status}: the runs being watched and every matrix in the results folder. */
    public Object status() { return watcher.current(); }
}

package io.enginebench.cli;

import io.enginebench.loadgen.scenario.LoadKind;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.loadgen.scenario.ScenarioCatalog;
import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SpecConfig;
import io.enginebench.trace.UserFacingException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code bench demo} runs: scenarios at sizes that keep every label true, model presets, engines, iterations
 * and the simulator's clock speed-up. Sizes only shrink sample counts and the number of levels; a level runs at the
 * concurrency or rate it is labelled with, and closed-loop levels keep their scenario's requests-per-slot floor.
 *
 * @param speed simulated time runs this many times faster than real time (recorded as engine.sim_speed)
 */
record DemoPlan(String name, List<ModelPreset> presets, List<Engine> engines, List<Cell> cells, double speed) {

    /** @param only scenarios this engine runs (null: all) */
    record Engine(Personality personality, String variant, SpecConfig spec, List<String> only) {
        boolean runs(String scenario) { return only == null || only.contains(scenario); }
    }

    record Cell(Scenario scenario, int iteration) {}

    /**
     * How a scenario is cut down: these concurrency levels (closed loop) or rates (open loop), this many requests per
     * level (closed loop: a floor under the scenario's own per-slot minimum), and a max_tokens cap for outputs that
     * stop at EOS (null: the scenario's own).
     */
    record Size(List<Integer> levels, List<Double> rates, int requests, Integer maxTokensCap) {}

    static final SpecConfig NGRAM = new SpecConfig(SpecConfig.Method.parse("ngram"), 4, 0.6);

    static final List<Engine> ENGINES = List.of(
            new Engine(Personality.VLLM, "vllm", SpecConfig.NONE, null),
            new Engine(Personality.SGLANG, "sglang", SpecConfig.NONE, null),
            new Engine(Personality.VLLM, "vllm-ngram", NGRAM,
                    List.of("single_request_latency", "decode_length_sweep_256")));

    /*
     * The quick plan: one scenario of each kind that runs in seconds, at low concurrency. On the 20× clock of earlier
     * demos a 2-core host could not keep up with the simulated engine (every run client_bound); at 10× and at most 4
     * streams the client idles most of the time. Low levels keep k × c small (the ramp's 16 requests per slot at c = 4
     * is 64 requests). The structured scenario is in --full only: 40 requests per slot and arm of ~150-token answers
     * take a minute on their own. Open-loop levels of 60 requests keep a Poisson level's achieved rate within 10 % of
     * its target (rate_off_target) with high probability.
     */
    static final double QUICK_SPEED = 10;
    static final int QUICK_ITERATIONS = 3;
    static final Map<String, Size> QUICK = new LinkedHashMap<>();

    static {
        QUICK.put("single_request_latency", new Size(List.of(1), null, 12, 64));
        QUICK.put("throughput_ramp", new Size(List.of(1, 4), null, 8, 128));
        QUICK.put("prefix_sharing_benefit", new Size(List.of(2), null, 8, 128));
        QUICK.put("decode_length_sweep_256", new Size(List.of(2), null, 8, null));
        QUICK.put("rate_sweep", new Size(null, List.of(32.0, 64.0), 60, 64));
    }

    /** The full plan's clock: lower than the quick one because its ramps reach 16 concurrent streams. */
    static final double FULL_SPEED = 5;
    static final int FULL_ITERATIONS = 3;

    /** Summary of the demo's own runs (matrix_id = the demo folder). */
    static final String SUMMARY_SQL = """
            SELECT r.model_name AS model, r.engine_variant AS engine, r.scenario,
                   round(avg(s.ttft_ms_p50), 1) AS ttft_p50_ms, round(avg(s.tpot_ms_p50), 2) AS tpot_p50_ms,
                   round(avg(s.output_tps), 0) AS output_tok_s, count(*) AS iterations
            FROM run_summary s JOIN runs r ON s.run_uid = r.run_uid
            WHERE s.scope = 'run' AND r.matrix_id = '%s'
            GROUP BY 1, 2, 3 ORDER BY 3, 1, 2""";

    /** The default demo: five scenarios, one preset (2B), three iterations, about a minute of runs on 2 cores. */
    static DemoPlan quick(ScenarioCatalog catalog, List<String> only, Integer iterations, Long seed, Double speed) {
        List<Scenario> chosen = new ArrayList<>();
        for (Map.Entry<String, Size> e : QUICK.entrySet()) chosen.add(resize(catalog.get(e.getKey()), e.getValue()));
        return new DemoPlan("quick", List.of(ModelPreset.SMALL_2B), ENGINES,
                cells(select(chosen, only, catalog), iterations == null ? QUICK_ITERATIONS : iterations, seed),
                speed == null ? QUICK_SPEED : speed);
    }

    /** {@code --full}: every scenario, both presets, three iterations; levels above 16 streams left out. */
    static DemoPlan full(ScenarioCatalog catalog, List<String> only, Integer iterations, Long seed, Double speed) {
        List<Scenario> chosen = catalog.all().stream().map(DemoPlan::reduceFull).toList();
        return new DemoPlan("full", List.of(ModelPreset.SMALL_2B, ModelPreset.MEDIUM_8B), ENGINES,
                cells(select(chosen, only, catalog), iterations == null ? FULL_ITERATIONS : iterations, seed),
                speed == null ? FULL_SPEED : speed);
    }

    int runCount() {
        long perPreset = cells.stream().mapToLong(c -> engines.stream().filter(e -> e.runs(c.scenario().name()))
                .count()).sum();
        return (int) perPreset * presets.size();
    }

    private static List<Scenario> select(List<Scenario> scenarios, List<String> only, ScenarioCatalog catalog) {
        if (only == null || only.isEmpty()) return scenarios;
        List<Scenario> kept = scenarios.stream().filter(s -> only.contains(s.name())).toList();
        if (kept.size() < only.size()) {
            throw new UserFacingException("--scenarios: this plan runs only " + scenarios.stream().map(Scenario::name)
                    .toList() + " (all scenarios: " + catalog.all().stream().map(Scenario::name).toList()
                    + "; --full runs every one)");
        }
        return kept;
    }

    private static List<Cell> cells(List<Scenario> scenarios, int iterations, Long seed) {
        if (iterations < 1) throw new UserFacingException("--iterations must be ≥ 1");
        List<Cell> cells = new ArrayList<>();
        for (Scenario s : scenarios) {
            Scenario seeded = seed == null ? s : s.with(s.promptPack(), s.maxTokens(), s.warmup(), seed, 1);
            for (int it = 1; it <= iterations; it++) cells.add(new Cell(seeded, it));
        }
        return cells;
    }

    /** Applies a {@link Size}: one warm-up request, the levels and counts given, the max_tokens cap where it is honest. */
    static Scenario resize(Scenario s, Size size) {
        var load = s.load();
        List<Integer> levels = load.kind() == LoadKind.CLOSED ? size.levels() : load.concurrency();
        List<Double> rates = load.kind() == LoadKind.CLOSED ? load.rates() : size.rates();
        // a fixed decode length (ignore_eos) and a structured arm's schema need the scenario's own max_tokens
        boolean structured = s.arms() != null && s.arms().stream().anyMatch(a -> a.structured());
        Integer maxTokens = s.ignoreEos() || structured || s.maxTokens() == null || size.maxTokensCap() == null
                ? s.maxTokens() : Integer.valueOf(Math.min(s.maxTokens(), size.maxTokensCap()));
        return s.withLoad(load.with(levels, size.requests(), rates, null))
                .with(s.promptPack(), maxTokens, 1, s.seed(), 1);
    }

    /** The full plan's sizes: up to three levels at most 16 streams, two rates, the SLO search as it is. */
    static Scenario reduceFull(Scenario s) {
        var load = s.load();
        List<Integer> c = load.concurrency() == null || load.kind() != LoadKind.CLOSED ? null
                : load.concurrency().stream().filter(v -> v <= 16).toList();
        List<Integer> levels = c == null || c.size() <= 3 ? c : List.of(c.get(0), c.get(c.size() / 2), c.get(c.size() - 1));
        List<Double> rates = load.rates() == null || load.rates().size() <= 2 ? load.rates()
                : List.of(load.rates().get(1), load.rates().get(load.rates().size() - 1));
        boolean longDecode = s.ignoreEos() && s.maxTokens() != null && s.maxTokens() >= 1024;
        Size size = new Size(levels, rates, longDecode ? 4 : 16, 96);
        return resize(s, size);
    }
}

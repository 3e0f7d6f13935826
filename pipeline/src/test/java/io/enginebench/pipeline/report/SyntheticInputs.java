package io.enginebench.pipeline.report;

import io.enginebench.pipeline.report.section.Headline;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small warehouse in memory: two models, engines vllm and sglang plus a simulated "sim-vllm", shaped like the
 * tables of docs/WAREHOUSE.md and docs/DERIVED_TABLES.md. Values follow simple formulas (no randomness).
 */
final class SyntheticInputs {
    static final List<String> ENGINES = List.of("sglang", "sim-vllm", "vllm");
    static final List<String> MODELS = List.of("Llama-3.1-8B", "Qwen3-32B");

    private SyntheticInputs() {}

    static Map<String, Table> tables() {
        Map<String, Table> m = new TreeMap<>();
        m.put("runs", runs());
        m.put("cell_summary", cellSummary());
        m.put("winners", winners());
        m.put("concurrency_levels", concurrencyLevels());
        m.put("decode_sweep", decodeSweep());
        m.put("prefix_cache", prefixCache());
        m.put("structured", structured());
        m.put("spec_decoding", specDecoding());
        m.put("goodput", goodput());
        m.put("variance", variance());
        m.put("tpot", dist("tpot", 30));
        m.put("itl", dist("itl", 25));
        m.put("tpot_hist", hist("tpot_hist", 30));
        m.put("itl_hist", hist("itl_hist", 25));
        m.put("cross_model", crossModel());
        m.put("engine_metrics", engineMetrics());
        m.put("data_quality_summary", dataQuality());
        return m;
    }

    static double params(String model) {
        return model.startsWith("Qwen") ? 32 : 8;
    }

    static int e(String engine) {
        return ENGINES.indexOf(engine) + 1;
    }

    static int mo(String model) {
        return MODELS.indexOf(model) + 1;
    }

    static String uid(String model, String engine, String scenario) {
        return String.format(java.util.Locale.ROOT, "r-%d%d-%s", mo(model), e(engine), scenario.substring(0, 6));
    }

    static Table runs() {
        Table t = Table.create("runs", StringColumn.create("run_uid"), StringColumn.create("source"),
                StringColumn.create("engine"), StringColumn.create("engine_variant"),
                StringColumn.create("engine_version"), BooleanColumn.create("simulated"),
                StringColumn.create("model_name"), DoubleColumn.create("model_params_b"),
                StringColumn.create("scenario"), StringColumn.create("hardware"),
                StringColumn.create("loadgen_version"), BooleanColumn.create("client_bound"),
                DoubleColumn.create("schedule_lag_p99_ms"));
        for (String model : MODELS) {
            for (String engine : ENGINES) {
                for (String sc : List.of("single_request_latency", "throughput_ramp", "prefix_sharing_benefit")) {
                    boolean sim = engine.startsWith("sim");
                    t.stringColumn("run_uid").append(uid(model, engine, sc));
                    t.stringColumn("source").append("native");
                    t.stringColumn("engine").append(sim ? "vllm" : engine);
                    t.stringColumn("engine_variant").append(engine);
                    t.stringColumn("engine_version").append(sim ? "sim-0.1" : engine.equals("vllm") ? "0.11.0" : "0.5.4");
                    t.booleanColumn("simulated").append(sim);
                    t.stringColumn("model_name").append(model);
                    t.doubleColumn("model_params_b").append(params(model));
                    t.stringColumn("scenario").append(sc);
                    t.stringColumn("hardware").append("1x L40S");
                    t.stringColumn("loadgen_version").append("0.1.0");
                    t.booleanColumn("client_bound").append(sim && sc.startsWith("throughput"));
                    t.doubleColumn("schedule_lag_p99_ms").append(sim ? 1.5 : 0.2);
                }
            }
        }
        return t;
    }

    static Table cellSummary() {
        Table t = Table.create("cell_summary", StringColumn.create("model_name"), StringColumn.create("engine_group"),
                StringColumn.create("scenario"), IntColumn.create("max_tokens"), StringColumn.create("scope"),
                StringColumn.create("metric"), IntColumn.create("n"), DoubleColumn.create("mean"),
                DoubleColumn.create("sd"), DoubleColumn.create("cv_pct"), DoubleColumn.create("ci95_halfwidth"),
                BooleanColumn.create("high_variance"), StringColumn.create("selection_policy"));
        for (String model : MODELS) {
            for (String engine : ENGINES) {
                for (String metric : List.of("ttft_ms_p50", "ttft_ms_p95", "tpot_ms_p50", "tpot_ms_p95", "output_tps")) {
                    double mean = metric.equals("output_tps") ? 40.0 * e(engine) / mo(model)
                            : (metric.startsWith("ttft") ? 20 : 8) * mo(model) + 1.5 * e(engine) + (metric.endsWith("95") ? 4 : 0);
                    double sd = mean * 0.02 * e(engine);
                    t.stringColumn("model_name").append(model);
                    t.stringColumn("engine_group").append(engine);
                    t.stringColumn("scenario").append("single_request_latency");
                    t.intColumn("max_tokens").append(128);
                    t.stringColumn("scope").append("run");
                    t.stringColumn("metric").append(metric);
                    t.intColumn("n").append(3);
                    t.doubleColumn("mean").append(mean);
                    t.doubleColumn("sd").append(sd);
                    t.doubleColumn("cv_pct").append(sd / mean * 100);
                    t.doubleColumn("ci95_halfwidth").append(4.303 * sd / Math.sqrt(3));
                    t.booleanColumn("high_variance").append(sd / mean * 100 > 5);
                    t.stringColumn("selection_policy").append("spec-separate");
                }
            }
        }
        return t;
    }

    static Table winners() {
        Table t = Table.create("winners", StringColumn.create("model_name"), StringColumn.create("scenario"),
                IntColumn.create("max_tokens"), StringColumn.create("scope"), StringColumn.create("metric"),
                StringColumn.create("direction"), StringColumn.create("engine_a"), IntColumn.create("n_a"),
                DoubleColumn.create("mean_a"), DoubleColumn.create("ci95_a"), StringColumn.create("engine_b"),
                IntColumn.create("n_b"), DoubleColumn.create("mean_b"), DoubleColumn.create("ci95_b"),
                StringColumn.create("verdict"), StringColumn.create("winner"), StringColumn.create("rule"),
                StringColumn.create("config_hash"), IntColumn.create("concurrency"),
                StringColumn.create("latency_basis"));
        for (String model : MODELS) {
            for (String metric : List.of("output_tps", "ttft_ms_p50")) {
                boolean tie = metric.equals("ttft_ms_p50") && model.startsWith("Qwen");
                t.stringColumn("model_name").append(model);
                t.stringColumn("scenario").append("single_request_latency");
                t.intColumn("max_tokens").append(128);
                t.stringColumn("scope").append("run");
                t.stringColumn("metric").append(metric);
                t.stringColumn("direction").append(metric.equals("output_tps") ? "higher_is_better" : "lower_is_better");
                t.stringColumn("engine_a").append("sglang");
                t.intColumn("n_a").append(3);
                t.doubleColumn("mean_a").append(metric.equals("output_tps") ? 40.0 / mo(model) : 21.5 * mo(model));
                t.doubleColumn("ci95_a").append(tie ? 5 : 0.5);
                t.stringColumn("engine_b").append("vllm");
                t.intColumn("n_b").append(3);
                t.doubleColumn("mean_b").append(metric.equals("output_tps") ? 120.0 / mo(model) : 24.5 * mo(model));
                t.doubleColumn("ci95_b").append(tie ? 5 : 0.5);
                t.stringColumn("verdict").append(tie ? "tie" : metric.equals("output_tps") ? "b" : "a");
                t.stringColumn("winner").append(tie ? "tie" : metric.equals("output_tps") ? "vllm" : "sglang");
                t.stringColumn("rule").append(Headline.WINNER_RULE_DEFAULT);
                t.stringColumn("config_hash").append("5ab3c0de9f0e1a2b");
                t.intColumn("concurrency").append(1);
                t.stringColumn("latency_basis").append("sent");
            }
        }
        return t;
    }

    static Table concurrencyLevels() {
        Table t = Table.create("concurrency_levels", StringColumn.create("model_name"),
                StringColumn.create("engine_group"), StringColumn.create("scenario"), IntColumn.create("level_index"),
                IntColumn.create("concurrency"), IntColumn.create("n_runs"), DoubleColumn.create("output_tps"),
                DoubleColumn.create("ttft_ms_p95"), DoubleColumn.create("e2e_ms_p50"),
                BooleanColumn.create("is_saturation"), StringColumn.create("saturation_rule"));
        int[] levels = {1, 2, 4, 8, 16, 32, 64};
        for (String model : MODELS) {
            for (String engine : ENGINES) {
                for (int i = 0; i < levels.length; i++) {
                    int c = levels[i];
                    double cap = 900.0 * e(engine) / mo(model);
                    t.stringColumn("model_name").append(model);
                    t.stringColumn("engine_group").append(engine);
                    t.stringColumn("scenario").append("throughput_ramp");
                    t.intColumn("level_index").append(i);
                    t.intColumn("concurrency").append(c);
                    t.intColumn("n_runs").append(1);
                    t.doubleColumn("output_tps").append(cap * c / (c + 8.0));
                    t.doubleColumn("ttft_ms_p95").append(30 * mo(model) + 4.0 * c * c / e(engine));
                    t.doubleColumn("e2e_ms_p50").append(2000 + 40.0 * c);
                    t.booleanColumn("is_saturation").append(c == 32);
                    t.stringColumn("saturation_rule").append("first level where output_tps grows < 10% while e2e_ms_p50 grows");
                }
            }
        }
        return t;
    }

    static Table decodeSweep() {
        Table t = Table.create("decode_sweep", StringColumn.create("model_name"), StringColumn.create("engine_group"),
                IntColumn.create("max_tokens"), StringColumn.create("metric"), IntColumn.create("n"),
                DoubleColumn.create("mean"), DoubleColumn.create("ci95_halfwidth"), StringColumn.create("leader"),
                BooleanColumn.create("crossover"));
        for (String model : MODELS) {
            for (int mt : new int[] {64, 256, 1024, 4096}) {
                for (String engine : List.of("sglang", "vllm")) {
                    for (String metric : List.of("output_tps", "tpot_ms_p50")) {
                        boolean vllmLeads = mt >= 1024;
                        double base = metric.equals("output_tps") ? 300 : 10;
                        double bonus = (engine.equals("vllm") == vllmLeads) ? 1.2 : 1.0;
                        t.stringColumn("model_name").append(model);
                        t.stringColumn("engine_group").append(engine);
                        t.intColumn("max_tokens").append(mt);
                        t.stringColumn("metric").append(metric);
                        t.intColumn("n").append(3);
                        t.doubleColumn("mean").append(metric.equals("output_tps") ? base * bonus / mo(model) : base / bonus * mo(model));
                        t.doubleColumn("ci95_halfwidth").append(1.0);
                        t.stringColumn("leader").append(vllmLeads ? "vllm" : "sglang");
                        t.booleanColumn("crossover").append(mt == 1024);
                    }
                }
            }
        }
        return t;
    }

    static Table prefixCache() {
        Table t = Table.create("prefix_cache", StringColumn.create("run_uid"), StringColumn.create("model_name"),
                StringColumn.create("engine_group"), BooleanColumn.create("simulated"), DoubleColumn.create("hit_rate"),
                DoubleColumn.create("ttft_ms_p50_shared"), DoubleColumn.create("ttft_ms_p50_unique"),
                DoubleColumn.create("ttft_ratio"));
        for (String model : MODELS) {
            for (String engine : ENGINES) {
                double shared = 20.0 * mo(model);
                double unique = shared * (1.5 + 0.2 * e(engine));
                t.stringColumn("run_uid").append(uid(model, engine, "prefix_sharing_benefit"));
                t.stringColumn("model_name").append(model);
                t.stringColumn("engine_group").append(engine);
                t.booleanColumn("simulated").append(engine.startsWith("sim"));
                t.doubleColumn("hit_rate").append(0.3 + 0.1 * e(engine));
                t.doubleColumn("ttft_ms_p50_shared").append(shared);
                t.doubleColumn("ttft_ms_p50_unique").append(unique);
                t.doubleColumn("ttft_ratio").append(shared / unique);
            }
        }
        return t;
    }

    static Table structured() {
        Table t = Table.create("structured", StringColumn.create("run_uid"), StringColumn.create("model_name"),
                StringColumn.create("engine_group"), DoubleColumn.create("structured_valid_rate"),
                DoubleColumn.create("tpot_overhead_pct"), DoubleColumn.create("tps_overhead_pct"));
        for (String engine : List.of("sglang", "vllm")) {
            t.stringColumn("run_uid").append(uid("Llama-3.1-8B", engine, "structured_generation_speed"));
            t.stringColumn("model_name").append("Llama-3.1-8B");
            t.stringColumn("engine_group").append(engine);
            t.doubleColumn("structured_valid_rate").append(engine.equals("vllm") ? 1.0 : 0.985);
            t.doubleColumn("tpot_overhead_pct").append(3.0 * e(engine));
            t.doubleColumn("tps_overhead_pct").append(2.5 * e(engine));
        }
        return t;
    }

    static Table specDecoding() {
        Table t = Table.create("spec_decoding", StringColumn.create("model_name"), StringColumn.create("scenario"),
                StringColumn.create("engine"), StringColumn.create("engine_variant"), StringColumn.create("spec_method"),
                DoubleColumn.create("tps_ratio"), DoubleColumn.create("acceptance_rate"),
                DoubleColumn.create("mean_accepted_length"));
        for (String v : List.of("vllm-eagle3", "vllm-ngram")) {
            t.stringColumn("model_name").append("Llama-3.1-8B");
            t.stringColumn("scenario").append("single_request_latency");
            t.stringColumn("engine").append("vllm");
            t.stringColumn("engine_variant").append(v);
            t.stringColumn("spec_method").append(v.substring(5));
            t.doubleColumn("tps_ratio").append(v.endsWith("eagle3") ? 1.8 : 1.3);
            t.doubleColumn("acceptance_rate").append(v.endsWith("eagle3") ? 0.72 : 0.41);
            t.doubleColumn("mean_accepted_length").append(v.endsWith("eagle3") ? 3.1 : 1.9);
        }
        return t;
    }

    static Table goodput() {
        Table t = Table.create("goodput", StringColumn.create("model_name"), StringColumn.create("engine_group"),
                StringColumn.create("scenario"), StringColumn.create("scope"), StringColumn.create("slo"),
                IntColumn.create("qualifying"), IntColumn.create("counted"), DoubleColumn.create("duration_s"),
                DoubleColumn.create("goodput_rps"), DoubleColumn.create("pass_pct"));
        for (String slo : List.of("200:50", "500:100")) {
            for (String model : MODELS) {
                for (String engine : ENGINES) {
                    int q = 100 + 50 * e(engine) - 30 * mo(model) + (slo.startsWith("500") ? 40 : 0);
                    t.stringColumn("model_name").append(model);
                    t.stringColumn("engine_group").append(engine);
                    t.stringColumn("scenario").append("ALL");
                    t.stringColumn("scope").append("aggregate");
                    t.stringColumn("slo").append(slo);
                    t.intColumn("qualifying").append(q);
                    t.intColumn("counted").append(300);
                    t.doubleColumn("duration_s").append(120.0);
                    t.doubleColumn("goodput_rps").append(q / 120.0);
                    t.doubleColumn("pass_pct").append(q / 3.0);
                }
            }
        }
        return t;
    }

    static Table variance() {
        Table cs = cellSummary();
        Table t = cs.selectColumns("model_name", "engine_group", "scenario", "max_tokens", "metric", "n", "mean",
                "sd", "cv_pct", "ci95_halfwidth", "high_variance");
        t.setName("variance");
        return t;
    }

    static Table dist(String name, double base) {
        Table t = Table.create(name, StringColumn.create("run_uid"), StringColumn.create("model_name"),
                StringColumn.create("engine_group"), StringColumn.create("scenario"), StringColumn.create("scope"),
                IntColumn.create("n"), DoubleColumn.create("mean"), DoubleColumn.create("p50"),
                DoubleColumn.create("p90"), DoubleColumn.create("p99"));
        for (String model : MODELS) {
            for (String engine : ENGINES) {
                double p50 = base / e(engine) * mo(model);
                t.stringColumn("run_uid").append(uid(model, engine, "single_request_latency"));
                t.stringColumn("model_name").append(model);
                t.stringColumn("engine_group").append(engine);
                t.stringColumn("scenario").append("single_request_latency");
                t.stringColumn("scope").append("run");
                t.intColumn("n").append(500);
                t.doubleColumn("mean").append(p50 * 1.1);
                t.doubleColumn("p50").append(p50);
                t.doubleColumn("p90").append(p50 * 1.6);
                t.doubleColumn("p99").append(p50 * 2.5);
            }
        }
        return t;
    }

    static Table hist(String name, double base) {
        Table t = Table.create(name, StringColumn.create("run_uid"), StringColumn.create("model_name"),
                StringColumn.create("engine_group"), StringColumn.create("scenario"), IntColumn.create("bin"),
                DoubleColumn.create("bin_lo_ms"), DoubleColumn.create("bin_hi_ms"), LongColumn.create("count"),
                DoubleColumn.create("share"));
        for (String model : List.of("Llama-3.1-8B")) {
            for (String engine : ENGINES) {
                double lo = base / e(engine) * 0.5;
                double w = base / e(engine) * 0.1;
                for (int bin = 0; bin < 20; bin++) {
                    long count = Math.round(100 * Math.exp(-Math.pow((bin - 6) / 3.0, 2)));
                    t.stringColumn("run_uid").append(uid(model, engine, "single_request_latency"));
                    t.stringColumn("model_name").append(model);
                    t.stringColumn("engine_group").append(engine);
                    t.stringColumn("scenario").append("single_request_latency");
                    t.intColumn("bin").append(bin);
                    t.doubleColumn("bin_lo_ms").append(lo + bin * w);
                    t.doubleColumn("bin_hi_ms").append(lo + (bin + 1) * w);
                    t.longColumn("count").append(count);
                    t.doubleColumn("share").append(count / 500.0);
                }
            }
        }
        return t;
    }

    static Table crossModel() {
        Table t = Table.create("cross_model", StringColumn.create("model_name"), DoubleColumn.create("model_params_b"),
                StringColumn.create("engine_group"), StringColumn.create("scenario"), IntColumn.create("n_runs"),
                DoubleColumn.create("output_tps"), DoubleColumn.create("ttft_ms_p50"), DoubleColumn.create("tpot_ms_p50"));
        for (String model : MODELS) {
            for (String engine : ENGINES) {
                t.stringColumn("model_name").append(model);
                t.doubleColumn("model_params_b").append(params(model));
                t.stringColumn("engine_group").append(engine);
                t.stringColumn("scenario").append("throughput_ramp");
                t.intColumn("n_runs").append(3);
                t.doubleColumn("output_tps").append(800.0 * e(engine) / mo(model));
                t.doubleColumn("ttft_ms_p50").append(30.0 * mo(model));
                t.doubleColumn("tpot_ms_p50").append(12.0 * mo(model) / e(engine));
            }
        }
        return t;
    }

    static Table engineMetrics() {
        Table t = Table.create("engine_metrics", StringColumn.create("run_uid"), LongColumn.create("t_ns"),
                StringColumn.create("name"), DoubleColumn.create("value"));
        for (String engine : List.of("sglang", "vllm")) {
            String run = uid("Llama-3.1-8B", engine, "throughput_ramp");
            for (int s = 0; s < 30; s++) {
                for (String name : List.of("kv_cache_usage", "requests_running", "requests_waiting")) {
                    double v = switch (name) {
                        case "kv_cache_usage" -> Math.min(1, s / 30.0 * e(engine) / 2);
                        case "requests_running" -> Math.min(64, 2 * s);
                        default -> Math.max(0, 2 * s - 40);
                    };
                    t.stringColumn("run_uid").append(run);
                    t.longColumn("t_ns").append(s * 2_000_000_000L);
                    t.stringColumn("name").append(name);
                    t.doubleColumn("value").append(v);
                }
            }
        }
        return t;
    }

    static Table dataQuality() {
        Table t = Table.create("data_quality_summary", StringColumn.create("rule"), StringColumn.create("severity"),
                StringColumn.create("source"), IntColumn.create("count"));
        t.stringColumn("rule").append("usage_missing").append("duplicate_file");
        t.stringColumn("severity").append("warning").append("info");
        t.stringColumn("source").append("native").append("legacy-json");
        t.intColumn("count").append(2).append(1);
        return t;
    }
}

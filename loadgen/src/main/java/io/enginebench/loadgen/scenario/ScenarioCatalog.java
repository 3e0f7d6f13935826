package io.enginebench.loadgen.scenario;

import io.enginebench.loadgen.client.Endpoint;
import io.enginebench.trace.UserFacingException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario catalogue. Names match the older harness so old and new runs line up in one warehouse; unlike it, every
 * label is made true (prompts are built to the token count, schemas are sent, decode lengths use ignore_eos).
 */
public final class ScenarioCatalog {
    public static final int DEFAULT_WARMUP = 5;
    public static final long DEFAULT_SEED = 42L;
    public static final int[] DECODE_LENGTHS = {64, 256, 1024, 4096};
    /*
     * Closed-loop levels measure at least this many requests per slot (LoadSpec#requestsPerSlot). A level ends
     * ragged: slots idle while its last requests finish, about one long response's time. With outputs that stop at
     * EOS (lengths vary up to max_tokens) 16 per slot keeps the achieved concurrency at 95 % of the label on the
     * simulator; the structured arm's lengths vary more (40); ignore_eos levels end almost together (4).
     */
    static final int RAMP_REQUESTS_PER_SLOT = 16;
    static final int STRUCTURED_REQUESTS_PER_SLOT = 40;
    static final int FIXED_LENGTH_REQUESTS_PER_SLOT = 4;

    private final Map<String, Scenario> byName;

    private ScenarioCatalog(List<Scenario> scenarios) {
        Map<String, Scenario> m = new LinkedHashMap<>();
        scenarios.forEach(s -> m.put(s.name(), s));
        this.byName = Collections.unmodifiableMap(m);
    }

    public static ScenarioCatalog standard() {
        List<Scenario> s = new ArrayList<>();
        s.add(scenario("single_request_latency", "pure engine overhead: TTFT and TPOT at batch 1",
                "short", 64, null, 128, false, LoadSpec.closed(50, 1), null));
        s.add(scenario("throughput_ramp", "throughput/latency curve and saturation point",
                "short", 128, null, 256, false, LoadSpec.closedSized(100, RAMP_REQUESTS_PER_SLOT, 1, 2, 4, 8, 16, 32, 64), null));
        s.add(scenario("throughput_ramp_extended", "longer ramp levels for tail stability",
                "short", 128, null, 256, false, LoadSpec.closedSized(150, RAMP_REQUESTS_PER_SLOT, 1, 4, 8, 16, 32, 64), null));
        s.add(scenario("long_context_stress", "prefill cost and KV-cache pressure",
                "long_document", 8192, null, 256, false, LoadSpec.closedSized(20, FIXED_LENGTH_REQUESTS_PER_SLOT, 4), null));
        s.add(scenario("prefix_sharing_benefit",
                "unique prefixes then one shared prefix: TTFT ratio and prefix-cache hit rate",
                "shared_prefix", 850, 512, 128, false, LoadSpec.closedSized(100, RAMP_REQUESTS_PER_SLOT, 8),
                List.of(new Arm("unique", PrefixMode.UNIQUE, false), new Arm("shared", PrefixMode.SHARED, false))));
        s.add(new Scenario("structured_generation_speed",
                "JSON-schema-constrained vs unconstrained arms on the same prompts", "structured", Endpoint.CHAT,
                100, null, 256, false, 0.0, LoadSpec.closedSized(200, STRUCTURED_REQUESTS_PER_SLOT, 16),
                List.of(new Arm("unconstrained", PrefixMode.NONE, false), new Arm("json_schema", PrefixMode.NONE, true)),
                DEFAULT_WARMUP, DEFAULT_SEED, 1));
        for (int len : DECODE_LENGTHS) {
            s.add(scenario("decode_length_sweep_" + len, "how a " + len + "-token output changes throughput and tails",
                    "short", 512, null, len, true, LoadSpec.closedSized(60, FIXED_LENGTH_REQUESTS_PER_SLOT, 4, 8, 16), null));
        }
        s.add(scenario("rate_sweep", "latency vs offered load, open loop (no coordinated omission)",
                "short", null, null, null, false,
                LoadSpec.open(100, ArrivalKind.POISSON, 1.0, 1.0, 2.0, 4.0, 8.0, 16.0), null));
        s.add(scenario("slo_search", "highest open-loop rate whose p90 TTFT and p90 TPOT meet the SLO",
                "short", null, null, null, false,
                LoadSpec.sloSearch(60, new LatencyObjective(200.0, 40.0), 1.0, 10), null));
        return new ScenarioCatalog(s);
    }

    private static Scenario scenario(String name, String description, String pack, Integer inputTokens,
                                     Integer sharedPrefix, Integer maxTokens, boolean ignoreEos, LoadSpec load,
                                     List<Arm> arms) {
        return new Scenario(name, description, pack, Endpoint.COMPLETIONS, inputTokens, sharedPrefix, maxTokens,
                ignoreEos, 0.0, load, arms, DEFAULT_WARMUP, DEFAULT_SEED, 1);
    }

    public List<Scenario> all() { return List.copyOf(byName.values()); }

    public Scenario get(String name) {
        Scenario s = byName.get(name);
        if (s == null) {
            throw new UserFacingException("unknown scenario '" + name + "' (bench list-scenarios shows "
                    + String.join(", ", byName.keySet()) + ")");
        }
        return s;
    }
}

package io.enginebench.loadgen.sim.config;

import io.enginebench.trace.UserFacingException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The timing and memory constants of one simulated model on one GPU. Where the numbers come from is documented in
 * docs/SIMULATOR.md; all durations are in microseconds of simulated time (divided by {@code --speed} on the clock).
 *
 * @param name               preset name ({@code --preset})
 * @param modelName          default served model name
 * @param baseStepMicros     fixed cost of one engine step (weights read once per step: the memory-bound floor)
 * @param perDecodeSeqMicros extra cost per running sequence that decodes in the step
 * @param perPrefillTokenMicros extra cost per prompt token prefilled in the step
 * @param prefillBudgetTokens chunked-prefill token budget per step
 * @param maxRunningSeqs     batch size cap (vLLM max_num_seqs, SGLang max_running_requests)
 * @param kvBlocks           KV cache capacity in blocks of {@code blockSize} tokens
 * @param blockSize          tokens per KV block
 * @param maxModelLen        context length; prompt + max_tokens beyond it is a 400
 * @param meanNaturalOutputTokens mean of the seeded natural output length (where the model would emit EOS)
 * @param structuredMicrosPerToken grammar-masking overhead per structured-output sequence per step
 * @param sglangStepFactor   SGLang's step cost relative to vLLM's for the same work (lower scheduler overhead)
 */
public record ModelPreset(String name, String modelName, double baseStepMicros, double perDecodeSeqMicros,
                          double perPrefillTokenMicros, int prefillBudgetTokens, int maxRunningSeqs, long kvBlocks,
                          int blockSize, int maxModelLen, int meanNaturalOutputTokens,
                          double structuredMicrosPerToken, double sglangStepFactor) {

    /** A 2B-class model on a 24 GB A10G-class GPU. */
    public static final ModelPreset SMALL_2B = new ModelPreset("a10g-2b", "sim-2b", 8_950, 45, 50, 2048, 256,
            8192, 16, 16384, 256, 30, 0.97);
    /** An 8B-class model (Llama-3.1-8B shape) on a 24 GB A10G-class GPU. */
    public static final ModelPreset MEDIUM_8B = new ModelPreset("a10g-8b", "sim-8b", 24_880, 120, 125, 2048, 256,
            2000, 16, 16384, 256, 30, 0.97);
    /** Known-answer timings: every step takes exactly 10 ms whatever the batch; memory never runs out. */
    public static final ModelPreset FIXED = new ModelPreset("fixed", "sim-fixed", 10_000, 0, 0, 1_000_000, 100_000,
            10_000_000, 16, 1_000_000, 64, 0, 1.0);
    /** Same clock as {@code fixed} but only 64 blocks (1024 tokens) of KV: saturates at a handful of streams. */
    public static final ModelPreset TINY_KV = new ModelPreset("tiny-kv", "sim-tiny-kv", 10_000, 0, 0, 1_000_000, 256,
            64, 16, 1024, 64, 0, 1.0);

    private static final Map<String, ModelPreset> ALL = new LinkedHashMap<>();

    static {
        for (ModelPreset p : new ModelPreset[] {SMALL_2B, MEDIUM_8B, FIXED, TINY_KV}) ALL.put(p.name, p);
        ALL.put("2b", SMALL_2B);
        ALL.put("8b", MEDIUM_8B);
    }

    public static ModelPreset named(String name) {
        ModelPreset p = ALL.get(name);
        if (p == null) throw new UserFacingException("unknown preset '" + name + "' (known: " + String.join(", ", ALL.keySet()) + ")");
        return p;
    }

    public long kvCapacityTokens() { return kvBlocks * blockSize; }
}

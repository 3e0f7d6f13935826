package io.enginebench.loadgen.sim.engine;

import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.SpecConfig;

/**
 * Duration of one engine step: base + perDecodeSeq·decoding + perPrefillToken·prefilled (+ grammar overhead per
 * structured sequence), times the speculative-decoding factor when sequences decode with drafts, times the
 * personality factor, divided by the speed factor.
 */
public record StepCostModel(ModelPreset preset, SpecConfig spec, double personalityFactor, double speed) {

    public long stepNanos(int decodingSeqs, int prefillTokens, int structuredSeqs) {
        double micros = preset.baseStepMicros() + preset.perDecodeSeqMicros() * decodingSeqs
                + preset.perPrefillTokenMicros() * prefillTokens + preset.structuredMicrosPerToken() * structuredSeqs;
        if (spec.enabled() && decodingSeqs > 0) micros *= spec.stepCostFactor();
        micros *= personalityFactor;
        return Math.max(1_000L, Math.round(micros * 1_000.0 / speed));
    }
}

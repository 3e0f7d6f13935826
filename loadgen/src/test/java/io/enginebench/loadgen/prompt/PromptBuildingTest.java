package io.enginebench.loadgen.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import io.enginebench.loadgen.client.Endpoint;
import io.enginebench.trace.TraceJson;
import io.enginebench.trace.UserFacingException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptBuildingTest {
    private final PromptPacks packs = PromptPacks.fromDirectory(Path.of("..", "prompts"));

    /** A stand-in tokenizer: one token per word plus one per punctuation mark (about 4.5 characters per token). */
    private static int fakeTokens(String s) {
        int words = s.isBlank() ? 0 : s.strip().split("\\s+").length;
        int punct = (int) s.chars().filter(c -> ",.;:!?".indexOf(c) >= 0).count();
        return words + punct;
    }

    private String corpus() {
        return packs.load("long_document").records().stream().map(PromptPackRecord::mainText)
                .collect(Collectors.joining(" "));
    }

    @Test
    void packsLoadWithSchemasAndPrefix() {
        assertThat(packs.names()).contains("short", "long_document", "shared_prefix", "structured");
        PromptPack shortPack = packs.load("short");
        assertThat(shortPack.prompts()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(shortPack.categories().split(",")).hasSizeGreaterThanOrEqualTo(5);
        assertThat(packs.load("shared_prefix").prefix()).isPresent();
        assertThat(packs.load("structured").schemas()).containsKeys("recipe", "event", "product_review");
        assertThat(PromptPacks.bundled().names()).isEqualTo(packs.names());
        assertThatThrownBy(() -> packs.load("missing")).isInstanceOf(UserFacingException.class);
    }

    @Test
    void buildsToTheTargetWithTheEngineTokenizerAfterAFewCalibrationCalls() {
        AtomicInteger calls = new AtomicInteger();
        TokenEstimator est = new TokenEstimator(t -> {
            calls.incrementAndGet();
            return OptionalInt.of(fakeTokens(t));
        });
        PromptBuilder b = new PromptBuilder(corpus(), est);
        for (int target : new int[] {64, 128, 512, 2048, 8192}) {
            for (PromptPackRecord r : packs.load("short").prompts().subList(0, 10)) {
                PreparedPrompt p = b.build(r, Endpoint.COMPLETIONS, target, false, null, target);
                assertThat((double) fakeTokens(p.prompt())).as("target %d", target)
                        .isCloseTo(target, org.assertj.core.api.Assertions.withinPercentage(8));
                assertThat(p.prompt()).startsWith(r.prompt());
            }
        }
        assertThat(calls.get()).isEqualTo(TokenEstimator.CALIBRATION_CALLS);
        assertThat(est.calibrated()).isTrue();
    }

    @Test
    void fallsBackToFourCharactersPerTokenWithoutATokenizer() {
        TokenEstimator est = new TokenEstimator(t -> OptionalInt.empty());
        PromptBuilder b = new PromptBuilder(corpus(), est);
        assertThat(est.calibrated()).isFalse();
        assertThat(est.charsPerToken()).isEqualTo(4.0);
        PreparedPrompt p = b.build(packs.load("short").prompts().get(0), Endpoint.COMPLETIONS, 1000, false, null, 0);
        assertThat(p.prompt().length()).isBetween(3900, 4000);
        // long texts are trimmed
        PreparedPrompt small = b.build(packs.load("long_document").prompts().get(0), Endpoint.COMPLETIONS, 20, false,
                null, 0);
        assertThat(small.prompt().length()).isLessThanOrEqualTo(80);
    }

    @Test
    void differentVariantsDoNotShareAPrefixBeyondThePromptItself() {
        PromptBuilder b = new PromptBuilder(corpus(), TokenEstimator.charsOnly());
        PromptPackRecord r = packs.load("short").prompts().get(3);
        String a = b.build(r, Endpoint.COMPLETIONS, 300, false, null, 1).prompt();
        String c = b.build(r, Endpoint.COMPLETIONS, 300, false, null, 2).prompt();
        int common = 0;
        while (common < Math.min(a.length(), c.length()) && a.charAt(common) == c.charAt(common)) common++;
        assertThat(common).isLessThan(r.prompt().length() + PromptBuilder.NOTES_HEADER.length() + 40);
        assertThat(PreparedPrompt.sha256(a)).isNotEqualTo(PreparedPrompt.sha256(c));
    }

    @Test
    void chatRecordsKeepTheirSystemMessageAndSchema() {
        PromptPack structured = packs.load("structured");
        PromptPackRecord r = structured.prompts().get(0);
        PreparedPrompt p = new PromptBuilder(corpus(), TokenEstimator.charsOnly())
                .build(r, Endpoint.CHAT, 100, true, structured.schemas().get(r.schema()), 0);
        assertThat(p.endpoint()).isEqualTo(Endpoint.CHAT);
        assertThat(p.messages()).hasSize(2);
        assertThat(p.messages().get(0).role()).isEqualTo("system");
        assertThat(p.schema()).isNotNull();
        assertThat(p.schemaName()).isEqualTo(r.schema());
        assertThat(p.text()).startsWith("[{").contains("\"role\":\"system\"");
    }

    @Test
    void structuredValidationTrueAndFalseCases() throws Exception {
        JsonNode schema = TraceJson.mapper().readTree(Path.of("..", "prompts", "schemas", "product_review.json").toFile());
        StructuredOutputValidator v = new StructuredOutputValidator();
        assertThat(v.valid("{\"product\":\"pan\",\"rating\":5,\"pros\":[\"heavy\"],\"cons\":[],\"verdict\":\"buy\"}",
                schema)).isTrue();
        assertThat(v.valid("{\"product\":\"pan\",\"rating\":9,\"pros\":[],\"cons\":[],\"verdict\":\"buy\"}", schema))
                .as("rating above maximum").isFalse();
        assertThat(v.valid("{\"product\":\"pan\",\"rating\":3}", schema)).as("missing required").isFalse();
        assertThat(v.valid("{\"product\":\"pan\",\"rating\":3,\"pros\":[],\"cons\":[],\"verdict\":\"ok\",\"x\":1}",
                schema)).as("additional property").isFalse();
        assertThat(v.valid("Sure! Here is the JSON: {}", schema)).as("not JSON").isFalse();
        assertThat(v.valid("{\"product\":\"pan\",\"rating\":5,\"pros\":[],\"cons\":[],\"verdict\":\"b\"} trailing",
                schema)).as("trailing text").isFalse();
        assertThat(v.valid("", schema)).isFalse();
    }
}

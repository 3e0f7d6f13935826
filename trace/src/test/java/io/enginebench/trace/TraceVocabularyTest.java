package io.enginebench.trace;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.enginebench.trace.RunFolderContractTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract's words: wire names of outcomes, phases and statuses, metric names, schema versions. */
class TraceVocabularyTest {
    @Test
    void outcomesRoundTripThroughTheirWireNames() {
        assertThat(Outcome.HTTP_ERROR.wire()).isEqualTo("http_error");
        for (Outcome o : Outcome.values()) {
            assertThat(Outcome.fromWire(o.wire())).isEqualTo(o);
        }
        assertThatThrownBy(() -> Outcome.fromWire("exploded")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runStatusIsWrittenAndReadAsItsLowerCaseName() throws Exception {
        assertThat(TraceJson.mapper().writeValueAsString(RunStatus.PARTIAL)).isEqualTo("\"partial\"");
        assertThat(TraceJson.mapper().readValue("\"complete\"", RunStatus.class)).isEqualTo(RunStatus.COMPLETE);
    }

    @Test
    void onlyOkMeasuredRequestsAreOkAndMeasured() {
        RequestRecord ok = request("r", 0, Outcome.OK.wire());
        RequestRecord failed = request("r", 1, Outcome.TIMEOUT.wire());
        RequestRecord warmup = new RequestRecord("r", 2, Phase.WARMUP.wire(), 0, 1, null, null, "p", "c",
                "chat", 8, 0, false, "none", 0, null, null, null, null, null, null, null, null, false, null, null,
                null, null, false, 0, 0, null, "ok", null, null, null);

        assertThat(ok.isOk()).isTrue();
        assertThat(ok.isMeasured()).isTrue();
        assertThat(failed.isOk()).isFalse();
        assertThat(warmup.isMeasured()).isFalse();
        assertThat(warmup.chunkOffsetsNs()).isEmpty();
        assertThat(warmup.queueWaitNs()).isNull();
    }

    @Test
    void chunkListsOfDifferentLengthsAreRefused() {
        assertThatThrownBy(() -> new RequestRecord("r", 0, "measured", 0, 1, null, null, "p", "c", "chat", 8, 0,
                false, "none", 0, null, null, null, null, null, null, List.of(1L, 2L), List.of(1), true, null, null,
                null, null, true, 2, 0, null, "ok", null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 vs 1");
    }

    @Test
    void countersEndInTotalAndEvidenceListsNameKnownSeries() {
        assertThat(List.of(EngineMetricNames.PROMPT_TOKENS, EngineMetricNames.GENERATION_TOKENS,
                EngineMetricNames.PREFIX_CACHE_QUERIES, EngineMetricNames.PREFIX_CACHE_HITS,
                EngineMetricNames.SPEC_DRAFT_TOKENS, EngineMetricNames.SPEC_ACCEPTED_TOKENS,
                EngineMetricNames.SPEC_DRAFTS)).allMatch(n -> n.endsWith("_total"));
        assertThat(List.of(EngineMetricNames.KV_CACHE_USAGE, EngineMetricNames.REQUESTS_RUNNING,
                EngineMetricNames.REQUESTS_WAITING, EngineMetricNames.PREFIX_CACHE_HIT_RATE,
                EngineMetricNames.SPEC_ACCEPT_RATE, EngineMetricNames.SPEC_ACCEPT_LENGTH))
                .noneMatch(n -> n.endsWith("_total"));
        assertThat(EngineMetricNames.PREFIX_CACHE_EVIDENCE).contains(EngineMetricNames.PREFIX_CACHE_HITS);
        assertThat(EngineMetricNames.SPEC_EVIDENCE).contains(EngineMetricNames.SPEC_DRAFT_TOKENS)
                .doesNotContain(EngineMetricNames.SPEC_DRAFTS);
    }

    @Test
    void schemaVersionsReadableAreTheCurrentAndTheOnesItExtends() {
        assertThat(TraceSchema.readable(TraceSchema.VERSION)).isTrue();
        assertThat(TraceSchema.readable(1)).isTrue();
        assertThat(TraceSchema.readable(TraceSchema.VERSION + 1)).isFalse();
        assertThat(TraceSchema.readable(0)).isFalse();
        assertThat(TraceSchema.unsupported(7)).isEqualTo("unsupported trace schema version 7 (this build reads versions 1, 2, 3)");
    }

    @Test
    void unknownJsonFieldsAreIgnoredSoNewerWritersStayReadable() throws Exception {
        PromptRecord p = TraceJson.mapper().readValue(
                "{\"prompt_sha256\":\"s\",\"prompt_id\":\"p\",\"endpoint\":\"chat\",\"text\":\"t\",\"added_later\":1}",
                PromptRecord.class);

        assertThat(p).isEqualTo(new PromptRecord("s", "p", "chat", "t"));
    }
}

package io.enginebench.loadgen.sim;

import io.enginebench.loadgen.sim.config.FaultConfig;
import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SimConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimFaultsTest {
    private static final String STREAM = "{\"prompt\":\"fault\",\"max_tokens\":20,\"ignore_eos\":true,\"stream\":true}";

    private static SimServer start(String... faults) {
        FaultConfig f = FaultConfig.NONE;
        for (String each : faults) f = f.with(each);
        return SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED).withSpeed(5).withFaults(f));
    }

    @Test
    void injectedErrorsUseTheConfiguredStatus() throws Exception {
        try (SimServer sim = start("error=1.0:503")) {
            HttpResponse<String> r = new SimHttp(sim).post("/v1/completions", STREAM);
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(SimHttp.JSON.readTree(r.body()).get("code").asInt()).isEqualTo(503);
        }
    }

    @Test
    void stallHoldsEventsBackThenDeliversThemAll() throws Exception {
        try (SimServer sim = start("stall=1.0:500")) { // 500 ms simulated = 100 ms real at speed 5
            SimHttp.Stream_ s = new SimHttp(sim).stream("/v1/completions", STREAM);
            List<SimHttp.Event> ev = s.events();
            assertThat(ev.get(ev.size() - 1).done()).isTrue();
            assertThat(ev).hasSize(21);
            long maxGap = 0;
            for (int i = 1; i < ev.size(); i++) maxGap = Math.max(maxGap, ev.get(i).nanos() - ev.get(i - 1).nanos());
            long firstGap = ev.get(0).nanos() - s.sentNanos();
            assertThat(Math.max(maxGap, firstGap) / 1e6).isGreaterThan(60.0);
        }
    }

    @Test
    void disconnectCutsTheStreamBeforeDone() throws Exception {
        try (SimServer sim = start("disconnect=1.0")) {
            SimHttp http = new SimHttp(sim);
            try {
                SimHttp.Stream_ s = http.stream("/v1/completions", STREAM);
                assertThat(s.events()).noneMatch(SimHttp.Event::done);
            } catch (IOException | java.io.UncheckedIOException expected) {
                // the JDK client may report the cut chunked body as an error: also a disconnect
            }
        }
    }

    @Test
    void slowHeadersDelayTheResponse() throws Exception {
        try (SimServer sim = start("slow-headers=1000")) { // 200 ms real
            long t0 = System.nanoTime();
            HttpResponse<String> r = new SimHttp(sim).post("/v1/completions", "{\"prompt\":\"x\",\"max_tokens\":1}");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat((System.nanoTime() - t0) / 1e6).isGreaterThan(180.0);
        }
    }

    @Test
    void badFaultSpecsAreUserErrors() {
        assertThatThrownBy(() -> FaultConfig.NONE.with("explode=1")).hasMessageContaining("unknown fault kind");
        assertThatThrownBy(() -> FaultConfig.NONE.with("error=2")).hasMessageContaining("between 0 and 1");
    }
}

package io.enginebench.loadgen.cli;

import io.enginebench.loadgen.sim.config.SimConfig;
import io.enginebench.trace.UserFacingException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.net.InetAddress;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code bench engine sim}: loopback unless told otherwise; the API key only from the environment. */
class SimCommandSecurityTest {

    private static EngineCommand.Sim parse(String... args) {
        EngineCommand.Sim sim = new EngineCommand.Sim();
        new CommandLine(sim).parseArgs(args);
        return sim;
    }

    @Test
    void defaultBindIsLoopback() throws Exception {
        SimConfig c = parse("--port", "0").config();
        assertThat(InetAddress.getByName(c.bind()).isLoopbackAddress()).isTrue();
        assertThat(parse("--port", "0", "--bind", "0.0.0.0").config().bind()).isEqualTo("0.0.0.0");
    }

    @Test
    void apiKeyComesFromTheNamedVariableAndIsNeverPrinted() {
        EngineCommand.Sim sim = parse("--port", "0", "--api-key-env", "SIM_KEY");
        String key = sim.apiKey(Map.of("SIM_KEY", " sk-sim-0123456789 ")::get);
        assertThat(key).isEqualTo("sk-sim-0123456789");
        SimConfig c = sim.config(Map.of("SIM_KEY", "sk-sim-0123456789")::get);
        assertThat(c.apiKey()).isEqualTo("sk-sim-0123456789");
        assertThat(c.toString()).doesNotContain("sk-sim").contains("apiKey=(set)");
        assertThat(parse("--port", "0").apiKey(Map.of("SIM_KEY", "x")::get)).isNull();
        assertThatThrownBy(() -> sim.apiKey(Map.<String, String>of()::get))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("SIM_KEY").hasMessageContaining("not set");
    }

    @Test
    void thereIsNoOptionThatTakesTheKeyItself() {
        CommandLine cl = new CommandLine(new EngineCommand.Sim());
        assertThat(cl.getCommandSpec().options()).noneMatch(o -> o.longestName().equals("--api-key"));
        CommandLine run = new CommandLine(new RunCommand());
        assertThat(run.getCommandSpec().options()).noneMatch(o -> o.longestName().equals("--api-key"));
    }
}

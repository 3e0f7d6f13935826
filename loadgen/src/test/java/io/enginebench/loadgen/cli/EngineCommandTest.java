package io.enginebench.loadgen.cli;

import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SimConfig;
import io.enginebench.loadgen.sim.config.SpecConfig;
import io.enginebench.trace.UserFacingException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineCommandTest {
    private static SimConfig parse(String... args) {
        EngineCommand.Sim sim = new EngineCommand.Sim();
        new CommandLine(sim).parseArgs(args);
        return sim.config();
    }

    @Test
    void flagsBecomeASimConfig() {
        SimConfig c = parse("--personality", "sglang", "--preset", "tiny-kv", "--speed", "4", "--spec", "eagle3",
                "--acceptance", "0.8", "--draft-tokens", "3", "--seed", "7", "--model", "m", "--fault", "error=0.05:503",
                "--fault", "stall=0.1:forever");
        assertThat(c.personality()).isEqualTo(Personality.SGLANG);
        assertThat(c.port()).isEqualTo(30000);
        assertThat(c.preset()).isEqualTo(ModelPreset.TINY_KV);
        assertThat(c.spec()).isEqualTo(new SpecConfig(SpecConfig.Method.EAGLE3, 3, 0.8));
        assertThat(c.modelName()).isEqualTo("m");
        assertThat(c.faults().errorRate()).isEqualTo(0.05);
        assertThat(c.faults().stallMillis()).isNegative();
        assertThat(parse().port()).isEqualTo(8000);
        assertThat(parse("--port", "0").bind()).isEqualTo("127.0.0.1");
    }

    @Test
    void badValuesAreUserErrors() {
        assertThatThrownBy(() -> parse("--preset", "70b")).isInstanceOf(UserFacingException.class);
        assertThatThrownBy(() -> parse("--personality", "tgi")).isInstanceOf(UserFacingException.class);
        assertThatThrownBy(() -> parse("--spec", "medusa")).isInstanceOf(UserFacingException.class);
        assertThatThrownBy(() -> parse("--speed", "0")).isInstanceOf(UserFacingException.class);
    }

    @Test
    void isRegisteredAsEngineSim() {
        CommandLine cl = LoadgenCommands.all().stream().map(CommandLine::new)
                .filter(c -> c.getCommandName().equals("engine")).findFirst().orElseThrow();
        assertThat(cl.getSubcommands()).containsKey("sim");
    }
}

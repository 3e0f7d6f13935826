package io.enginebench.loadgen.cli;

import io.enginebench.loadgen.scenario.Arm;
import io.enginebench.loadgen.scenario.LoadSpec;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.loadgen.scenario.ScenarioCatalog;
import io.enginebench.loadgen.summary.ConsoleTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Objects;
import java.util.stream.Collectors;

/** {@code bench list-scenarios}. */
@Command(name = "list-scenarios", mixinStandardHelpOptions = true, description = "List the scenario catalogue.")
public final class ListScenariosCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        ConsoleTable t = new ConsoleTable("scenario", "load", "requests", "prompt tokens", "max tokens", "arms", "pack");
        for (Scenario s : ScenarioCatalog.standard().all()) {
            t.row(s.name(), load(s.load()), requests(s.load()),
                    s.targetInputTokens() == null ? "pack" : "~" + s.targetInputTokens(),
                    s.maxTokens() == null ? "pack" : s.maxTokens() + (s.ignoreEos() ? " (ignore_eos)" : ""),
                    s.arms().stream().map(Arm::name).filter(Objects::nonNull).collect(Collectors.joining("+")),
                    s.promptPack());
        }
        spec.commandLine().getOut().print(t.render());
        spec.commandLine().getOut().flush();
    }

    /** Measured requests per level: one number, or one per concurrency where levels are sized by it. */
    static String requests(LoadSpec l) {
        if (l.kind() != io.enginebench.loadgen.scenario.LoadKind.CLOSED || l.requestsPerSlot() == 0) {
            return Integer.toString(l.requestsPerLevel());
        }
        return l.concurrency().stream().map(c -> Integer.toString(l.measuredAt(c)))
                .collect(Collectors.joining(","));
    }

    static String load(LoadSpec l) {
        return switch (l.kind()) {
            case CLOSED -> "concurrency " + l.concurrency().stream().map(String::valueOf).collect(Collectors.joining(","));
            case OPEN -> "open " + l.arrival().name().toLowerCase() + " "
                    + l.rates().stream().map(r -> java.math.BigDecimal.valueOf(r).stripTrailingZeros().toPlainString())
                    .collect(Collectors.joining(",")) + " req/s";
            case SLO_SEARCH -> String.format("slo search p90 ttft<=%.0fms tpot<=%.0fms", l.slo().ttftP90Ms(),
                    l.slo().tpotP90Ms());
        };
    }
}

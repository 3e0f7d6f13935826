package io.enginebench.loadgen.perf;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code scripts/bench-perf fidelity --quick} end to end (its server and its fourteen client JVMs): every row of the
 * table is measured both cold and warm. Correctness only: how fast is the harness's own output, not a bound here.
 */
class FidelityHarnessTest {
    @Test
    void everyRowIsMeasuredColdAndWarm() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // a small heap and C1 only: fourteen client JVMs start and compile sooner; their speed is not judged here
        Map<FidelityRow, FidelityHarness.Figures> rows = FidelityHarness.measure(
                FidelityHarness.options(new String[] {"--quick", "--self-warmup", "false",
                        "--client-java-opts", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"}),
                new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(rows).containsOnlyKeys(FidelityRow.values());
        rows.forEach((row, f) -> {
            assertThat(f.cold()).as("%s cold", row).isPositive().isFinite();
            assertThat(f.warm()).as("%s warm", row).isPositive().isFinite();
        });
        // a CPU figure per event below 10 ns or a latency above a minute would be a unit or counting mistake
        assertThat(rows.get(FidelityRow.CPU_EVENT_PACED_512).warm()).isBetween(0.01, 60_000_000.0);
        assertThat(rows.get(FidelityRow.ADDED_P99_64).cold()).isLessThan(60_000.0);
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("failed requests");

        String table = FidelityHarness.render(rows);
        for (FidelityRow row : FidelityRow.values()) {
            assertThat(table).contains(row.label).contains(row.vllmClient);
        }
        assertThat(table).contains("met").contains("cold").contains("warm");
    }

    @Test
    void anUnknownOptionOrAStrayWordIsRefused() {
        assertThatThrownBy(() -> FidelityHarness.options(new String[] {"--levels", "64"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--levels");
        assertThatThrownBy(() -> FidelityHarness.options(new String[] {"quick"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quick");
    }
}

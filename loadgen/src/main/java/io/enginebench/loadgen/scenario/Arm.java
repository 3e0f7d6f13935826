package io.enginebench.loadgen.scenario;

/**
 * One arm of a scenario. Single-arm scenarios have one arm named {@code null}; two-arm scenarios run their arms one
 * after the other in the same run, each with its full load.
 *
 * @param structured true: the prompt's JSON schema is sent and every output is validated against it
 */
public record Arm(String name, PrefixMode prefixMode, boolean structured) {
    public static final Arm DEFAULT = new Arm(null, PrefixMode.NONE, false);
}

package io.enginebench.loadgen.cli;

import picocli.CommandLine;

/** {@code bench engine} as a process of its own, for tests that kill a real engine mid-run. */
public final class EngineMainForTests {
    private EngineMainForTests() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new EngineCommand()).execute(args));
    }
}

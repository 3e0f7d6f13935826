package io.enginebench.loadgen.cli;

import picocli.CommandLine;

/**
 * {@code bench run} as a process of its own, for tests that must kill a real run (the {@code bench} main lives in
 * the cli module, which depends on this one).
 */
public final class LoadgenMainForTests {
    private LoadgenMainForTests() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new RunCommand()).execute(args));
    }
}

package io.enginebench.trace;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The EngineBench version (from the build) and git commit (from {@code BENCH_GIT_COMMIT}, set by {@code scripts/bench}). */
public record BuildInfo(String version, String gitCommit) {

    public static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // fall through to "unknown": the version is informative, never worth failing a run for
        }
        String commit = System.getenv("BENCH_GIT_COMMIT");
        return new BuildInfo(p.getProperty("version", "unknown"), commit == null || commit.isBlank() ? "unknown" : commit);
    }
}

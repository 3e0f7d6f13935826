package io.enginebench.clusterit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark home assembled from Spark's own artifacts ({@code jars/}, see pom.xml) and the JVM this test runs on: builds
 * the {@code java} command lines the distribution's {@code bin/spark-class} would, and starts them with their output
 * in a log file.
 */
record SparkHome(Path dir, List<String> jvmOptions) {

    static SparkHome fromSystemProperties() {
        Path dir = Path.of(required("cluster.sparkHome"));
        if (!Files.isDirectory(dir.resolve("jars"))) {
            throw new IllegalStateException("no Spark home with jars/ at " + dir + " (built by mvn verify in cluster-it)");
        }
        return new SparkHome(dir, Arrays.stream(required("cluster.jvmOptions").trim().split("\\s+")).toList());
    }

    static String required(String property) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) throw new IllegalStateException("system property " + property + " is not set");
        return v;
    }

    /** {@code java <module flags> -XmxHEAP -cp $SPARK_HOME/jars/* MAIN ARGS…}. */
    List<String> command(String heap, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Xmx" + heap);
        cmd.add("-cp");
        cmd.add(dir.resolve("jars") + "/*");
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /** Starts a command with the environment a Spark daemon or driver expects, all bound to the loopback address. */
    Process start(List<String> cmd, Path log, Map<String, String> extraEnv) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", dir.toString());
        // executors are started by the Worker with $JAVA_HOME/bin/java and $SPARK_HOME/jars/*
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        // what bin/load-spark-env.sh exports; without it the Worker's launcher looks for a source build's directories
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.putAll(extraEnv);
        return pb.start();
    }

    /** Runs a command to its end; its exit code, or an exception after {@code timeoutSeconds} (the process is killed). */
    int run(List<String> cmd, Path log, Map<String, String> extraEnv, long timeoutSeconds) throws Exception {
        Process p = start(cmd, log, extraEnv);
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("still running after " + timeoutSeconds + " s: " + cmd.get(cmd.size() - 1)
                        + "; log: " + log);
            }
            return p.exitValue();
        } finally {
            Processes.stop(p);
        }
    }
}

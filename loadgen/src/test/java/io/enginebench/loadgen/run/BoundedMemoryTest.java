package io.enginebench.loadgen.run;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run keeps bounded summaries, not its records: in a JVM with a small heap, four times the requests retain about
 * the same heap (a record is hundreds of bytes, so 30,000 more of them kept would add megabytes), and both complete.
 */
class BoundedMemoryTest {
    private static final String HEAP = "-Xmx96m";
    private static final Pattern RESULT = Pattern.compile("retained_bytes=(\\d+) requests=(\\d+)");

    @Test
    void retainedHeapDoesNotGrowWithTheNumberOfRequests() throws Exception {
        long small = retained(10_000);
        long large = retained(40_000);
        assertThat(large - small)
                .as("heap retained by 40,000 requests (%d B) minus 10,000 (%d B)", large, small)
                .isLessThan(8L << 20);
    }

    /** Runs {@code requests} in a fresh JVM and returns the largest heap in use after a collection. */
    private static long retained(int requests) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, HEAP, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                RetainedHeapRun.class.getName(), Integer.toString(requests))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        Matcher m = RESULT.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        assertThat(Long.parseLong(m.group(2))).isEqualTo(requests);
        return Long.parseLong(m.group(1));
    }
}

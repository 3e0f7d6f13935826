package io.enginebench.loadgen.metrics;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Polls {@code nvidia-smi} for memory used and utilisation per GPU. Only built when the binary is on the PATH.
 */
public final class GpuSampler {
    /** One GPU's reading; memory already in bytes. */
    public record GpuReading(String index, double memoryUsedBytes, double utilizationPercent) {}

    private static final long MIB = 1024L * 1024L;
    private final String binary;

    private GpuSampler(String binary) {
        this.binary = binary;
    }

    /** A sampler when {@code nvidia-smi} is on the PATH, else empty. */
    public static Optional<GpuSampler> find(String pathVariable) {
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            File f = new File(dir, "nvidia-smi");
            if (f.isFile() && f.canExecute()) {
                return Optional.of(new GpuSampler(f.getAbsolutePath()));
            }
        }
        return Optional.empty();
    }

    public List<GpuReading> sample() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binary, "--query-gpu=index,memory.used,utilization.gpu",
                "--format=csv,noheader,nounits").redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("nvidia-smi did not finish in 5 s");
        }
        return parse(out);
    }

    /** Lines like {@code 0, 10240, 87}; unparseable fields ({@code [N/A]}) drop the line. */
    static List<GpuReading> parse(String csv) {
        List<GpuReading> readings = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            String[] f = line.split(",");
            if (f.length != 3) {
                continue;
            }
            try {
                readings.add(new GpuReading(f[0].trim(), Double.parseDouble(f[1].trim()) * MIB,
                        Double.parseDouble(f[2].trim())));
            } catch (NumberFormatException e) {
                // a GPU that reports [N/A] is skipped, the others are kept
            }
        }
        return readings;
    }
}

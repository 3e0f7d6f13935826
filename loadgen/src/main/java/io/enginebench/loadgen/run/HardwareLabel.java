package io.enginebench.loadgen.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The hardware label of a run: given by the user, else the GPU list from {@code nvidia-smi -L}, else "unknown". */
final class HardwareLabel {
    private HardwareLabel() {}

    static String resolve(String given) {
        if (given != null && !given.isBlank()) return given;
        try {
            Process p = new ProcessBuilder("nvidia-smi", "-L").redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || out.isEmpty()) return "unknown";
            // "GPU 0: NVIDIA H100 80GB HBM3 (UUID: ...)" -> "NVIDIA H100 80GB HBM3 x N"
            var names = out.lines().map(l -> l.replaceAll("^GPU \\d+: ", "").replaceAll(" \\(UUID:.*\\)$", ""))
                    .toList();
            return names.get(0) + (names.size() > 1 ? " x" + names.size() : "");
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}

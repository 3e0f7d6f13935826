package io.enginebench.loadgen.matrix;

import io.enginebench.loadgen.engine.EngineProfile;
import io.enginebench.trace.UserFacingException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts an engine profile, waits until it is healthy, and stops it again. A start command may either return once the
 * engine runs in the background ({@code docker compose up -d}) or keep running as the engine itself
 * ({@code bench engine sim …}); both work. Output of the commands goes to a log file next to the matrix manifest.
 */
public final class EngineLifecycle {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path logDir;

    public EngineLifecycle(Path logDir) { this.logDir = logDir; }

    /** A started engine; {@link #close()} runs the stop command and ends the start process if it is still alive. */
    public final class Running implements AutoCloseable {
        private final EngineProfile profile;
        private final String model;
        private final Process startProcess;

        private Running(EngineProfile profile, String model, Process startProcess) {
            this.profile = profile;
            this.model = model;
            this.startProcess = startProcess;
        }

        @Override
        public void close() throws IOException, InterruptedException {
            if (profile.stopCommand() != null && !profile.stopCommand().isBlank()) {
                Process stop = shell(profile, profile.stopCommand(), model, "stop").start();
                if (!stop.waitFor(5, TimeUnit.MINUTES)) stop.destroyForcibly();
            }
            if (startProcess != null && startProcess.isAlive()) {
                startProcess.descendants().forEach(ProcessHandle::destroy);
                startProcess.destroy();
                if (!startProcess.waitFor(30, TimeUnit.SECONDS)) {
                    startProcess.descendants().forEach(ProcessHandle::destroyForcibly);
                    startProcess.destroyForcibly();
                }
            }
            // Only an engine we started must be gone before the next one starts; one we found running stays up.
            if (startProcess != null || profile.stopCommand() != null) waitUntilDown(Duration.ofSeconds(60));
        }

        private void waitUntilDown(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (healthy(profile) && System.nanoTime() < deadline) Thread.sleep(250);
        }
    }

    /**
     * Starts the profile for {@code model} and waits for its health endpoint.
     *
     * @throws UserFacingException when something already answers on the profile's URL (two engines must never share
     *                             a GPU), when the start command fails, or when the engine is not healthy in time
     */
    public Running start(EngineProfile profile, String model) throws IOException, InterruptedException {
        boolean hasStart = profile.startCommand() != null && !profile.startCommand().isBlank();
        if (hasStart && healthy(profile)) {
            throw new UserFacingException("an engine already answers on " + profile.baseUrl()
                    + " before starting '" + profile.name() + "'; stop it first (one engine per GPU)");
        }
        Process process = hasStart ? shell(profile, profile.startCommand(), model, "start").start() : null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(profile.startupTimeoutSeconds());
        while (System.nanoTime() < deadline) {
            if (healthy(profile)) return new Running(profile, model, process);
            if (process != null && !process.isAlive() && process.exitValue() != 0) {
                throw new UserFacingException("start command of '" + profile.name() + "' exited with "
                        + process.exitValue() + " (see " + logFile(profile, "start") + ")");
            }
            Thread.sleep(250);
        }
        new Running(profile, model, process).close();
        throw new UserFacingException("engine '" + profile.name() + "' not healthy at " + profile.baseUrl()
                + profile.healthPath() + " within " + profile.startupTimeoutSeconds() + " s");
    }

    boolean healthy(EngineProfile profile) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(profile.baseUrl() + profile.healthPath()))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code command} through {@code sh -c} with MODEL and PORT in its environment, output to a log file. */
    private ProcessBuilder shell(EngineProfile profile, String command, String model, String what) {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command);
        Map<String, String> env = pb.environment();
        env.put("MODEL", model);
        env.put("PORT", Integer.toString(URI.create(profile.baseUrl()).getPort()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(profile, what).toFile()));
        return pb;
    }

    private Path logFile(EngineProfile profile, String what) {
        return logDir.resolve("engine-" + profile.name() + "-" + what + ".log");
    }
}

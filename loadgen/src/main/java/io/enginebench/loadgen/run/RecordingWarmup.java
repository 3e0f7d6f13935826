package io.enginebench.loadgen.run;

import io.enginebench.loadgen.client.Endpoint;
import io.enginebench.loadgen.client.GenerationRequest;
import io.enginebench.loadgen.client.StreamRequest;
import io.enginebench.loadgen.client.StreamResult;
import io.enginebench.loadgen.prompt.PreparedPrompt;
import io.enginebench.loadgen.scenario.Arm;
import io.enginebench.trace.Phase;
import io.enginebench.trace.RunJournal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * During the client's self-warm-up: turns each warm-up result into a trace row and journals it, in a scratch folder
 * deleted afterwards, so the recording path (row building, the journal's JSON) is compiled before a run measures.
 */
final class RecordingWarmup implements Consumer<StreamResult>, AutoCloseable {
    private static final LevelPlan LEVEL = new LevelPlan(0, Arm.DEFAULT, 1, null, 0, 0);

    private final Path dir;
    private final RunJournal journal;
    private final PlannedRequest request;
    private long index;

    private RecordingWarmup(Path dir) throws IOException {
        this.dir = dir;
        this.journal = RunJournal.open(dir);
        PreparedPrompt prompt = PreparedPrompt.of("warmup", "warmup", Endpoint.CHAT, null,
                List.of(new GenerationRequest.ChatMessage("user", "warm up")), null, null, null);
        GenerationRequest generation = new GenerationRequest(Endpoint.CHAT, "warmup", null, prompt.messages(), 16, 0,
                false, null, null);
        this.request = new PlannedRequest(prompt, generation,
                new StreamRequest(Endpoint.CHAT.path(), new byte[0], null, null, "warmup"));
    }

    /** A warm-up recorder, or a no-op one when no scratch folder can be made (the warm-up then skips recording). */
    static Consumer<StreamResult> open() {
        try {
            return new RecordingWarmup(Files.createTempDirectory("enginebench-warmup"));
        } catch (IOException | RuntimeException e) {
            return r -> {};
        }
    }

    @Override
    public synchronized void accept(StreamResult result) {
        long i = index++;
        journal.record(request.prompt().toRecord()); // a run journals each new prompt once: here every time
        journal.record(RequestRecords.of("warmup", 0, i, Phase.WARMUP.wire(), LEVEL, request, result.sentNanos(), 0,
                result, null));
    }

    /** Closes and deletes the scratch journal. */
    @Override
    public void close() {
        try {
            journal.close();
        } catch (IOException | RuntimeException e) {
            // a scratch file: nothing of the run depends on it
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // left in the temp directory
        }
    }

    /** Closes {@code recorder} if it is one of these. */
    static void close(Consumer<StreamResult> recorder) {
        if (recorder instanceof RecordingWarmup w) w.close();
    }
}

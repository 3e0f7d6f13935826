package io.enginebench.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replays a {@link RunJournal}. A line that does not parse is skipped and counted: it can only be the last one, cut
 * by a killed process, unless the file was damaged otherwise (then {@link Result#badLines()} says how many).
 */
public final class JournalReader {
    /** Receives the records of a journal in the order they were written. */
    public interface Sink {
        void request(RequestRecord r);

        void metric(EngineMetricSample s);

        void prompt(PromptRecord p);
    }

    public record Result(long requests, long metrics, long prompts, long badLines) {}

    private JournalReader() {}

    public static Result replay(Path journal, Sink sink) throws IOException {
        ObjectMapper mapper = TraceJson.mapper();
        long requests = 0, metrics = 0, prompts = 0, bad = 0;
        try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                try {
                    JsonNode node = mapper.readTree(line);
                    if (node.has("request")) {
                        sink.request(mapper.treeToValue(node.get("request"), RequestRecord.class));
                        requests++;
                    } else if (node.has("metric")) {
                        sink.metric(mapper.treeToValue(node.get("metric"), EngineMetricSample.class));
                        metrics++;
                    } else if (node.has("prompt")) {
                        sink.prompt(mapper.treeToValue(node.get("prompt"), PromptRecord.class));
                        prompts++;
                    } else {
                        bad++;
                    }
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    bad++;
                }
            }
        }
        return new Result(requests, metrics, prompts, bad);
    }
}

package io.enginebench.trace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static io.enginebench.trace.RunFolderContractTest.request;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link RunJournal} writes, {@link JournalReader} replays: order, kinds, reopening and damaged lines. */
class RunJournalTest {
    @TempDir Path dir;

    /** Collects what a replay delivers, in order, as "kind:key". */
    private static final class Recorder implements JournalReader.Sink {
        final List<String> seen = new ArrayList<>();
        final List<RequestRecord> requests = new ArrayList<>();

        @Override public void request(RequestRecord r) {
            seen.add("request:" + r.requestIndex());
            requests.add(r);
        }

        @Override public void metric(EngineMetricSample s) { seen.add("metric:" + s.tNs()); }

        @Override public void prompt(PromptRecord p) { seen.add("prompt:" + p.promptId()); }
    }

    private static EngineMetricSample metric(long tNs) {
        return new EngineMetricSample("r", tNs, "prometheus", EngineMetricNames.REQUESTS_RUNNING,
                "vllm:num_requests_running", "", 3);
    }

    @Test
    void replayDeliversEveryKindInTheOrderRecorded() throws Exception {
        try (RunJournal journal = RunJournal.open(dir)) {
            journal.record(request("r", 0, "ok"));
            journal.record(metric(7));
            journal.record(new PromptRecord("sha", "p0", "chat", "[]"));
            journal.record(request("r", 1, "http_error"));
        }
        Recorder sink = new Recorder();

        JournalReader.Result result = JournalReader.replay(dir.resolve(TraceSchema.JOURNAL), sink);

        assertThat(result).isEqualTo(new JournalReader.Result(2, 1, 1, 0));
        assertThat(sink.seen).containsExactly("request:0", "metric:7", "prompt:p0", "request:1");
        assertThat(sink.requests.get(1)).isEqualTo(request("r", 1, "http_error"));
    }

    @Test
    void reopeningAppendsInsteadOfStartingOver() throws Exception {
        try (RunJournal journal = RunJournal.open(dir)) {
            journal.record(request("r", 0, "ok"));
        }
        try (RunJournal journal = RunJournal.open(dir)) {
            journal.record(request("r", 1, "ok"));
        }
        Recorder sink = new Recorder();

        assertThat(JournalReader.replay(dir.resolve(TraceSchema.JOURNAL), sink).requests()).isEqualTo(2);
        assertThat(sink.seen).containsExactly("request:0", "request:1");
    }

    @Test
    void closeWritesEverythingRecordedFromManyThreads() throws Exception {
        int threads = 4;
        int perThread = 500;
        try (RunJournal journal = RunJournal.open(dir)) {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                Thread w = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        journal.record(request("r", base + i, "ok"));
                    }
                });
                workers.add(w);
                w.start();
            }
            for (Thread w : workers) {
                w.join();
            }
        }
        Recorder sink = new Recorder();

        JournalReader.Result result = JournalReader.replay(dir.resolve(TraceSchema.JOURNAL), sink);

        assertThat(result.requests()).isEqualTo((long) threads * perThread);
        assertThat(result.badLines()).isZero();
        assertThat(sink.requests).extracting(RequestRecord::requestIndex).doesNotHaveDuplicates();
    }

    @Test
    void blankLinesAreIgnoredAndUnknownOrBrokenLinesCounted() throws Exception {
        try (RunJournal journal = RunJournal.open(dir)) {
            journal.record(metric(1));
        }
        Path file = dir.resolve(TraceSchema.JOURNAL);
        Files.writeString(file, "\n   \n{\"other\":{}}\nnot json\n{\"metric\":{\"t_ns\":\"soon\"}}\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Recorder sink = new Recorder();

        JournalReader.Result result = JournalReader.replay(file, sink);

        assertThat(result).isEqualTo(new JournalReader.Result(0, 1, 0, 3));
        assertThat(sink.seen).containsExactly("metric:1");
    }

    @Test
    void journalLinesUseTheContractsSnakeCaseNames() throws Exception {
        try (RunJournal journal = RunJournal.open(dir)) {
            journal.record(request("r", 0, "ok").withQueueWaitNs(5L));
        }
        String line = Files.readAllLines(dir.resolve(TraceSchema.JOURNAL)).get(0);

        assertThat(line).startsWith("{\"request\":{").contains("\"request_index\":0", "\"queue_wait_ns\":5",
                "\"chunk_offsets_ns\":[3000,4000,5000]");
    }
}

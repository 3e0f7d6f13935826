package io.enginebench.pipeline.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enginebench.pipeline.ingest.runfolder.NativeRun;
import io.enginebench.pipeline.ingest.runfolder.NativeRunReader;
import io.enginebench.pipeline.quality.Finding;
import io.enginebench.pipeline.quality.Rules;
import io.enginebench.pipeline.warehouse.HadoopFiles;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunJournal;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.TraceSchema;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A native run whose manifest names no model is flagged, so that analyses leave it out of every comparison. */
class NativeModelUnknownTest {
    private static NativeRun ingest(Path dir, String model) throws Exception {
        RunManifest m = new RunManifest("r-1", TraceSchema.VERSION, "2026-11-28T00:00:00Z", null, RunStatus.RUNNING,
                "single_request_latency", JsonNodeFactory.instance.objectNode().put("max_tokens", 64),
                new RunManifest.EngineInfo("vllm", "vllm", "http://127.0.0.1:8000", model, "0.9", null, null),
                "test-box", new RunManifest.LoadgenInfo("0.1.0", "abc"), "host", "17", 1, "m1", Map.of("arrival", 1L),
                1_700_000_000_000_000_000L, null, Map.of("ok", 1L));
        RunFolder folder = new RunFolder(dir);
        folder.writeManifest(m);
        try (RunJournal journal = RunJournal.open(folder.dir())) {
            journal.record(NativeRunContractTest.request("r-1", 0, "ok", 4, true));
        }
        folder.seal(folder.readManifest(), RunStatus.COMPLETE);
        Configuration conf = new Configuration();
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir.toUri());
        return new NativeRunReader(HadoopFiles.forPath(p, conf), conf).read(p, "run");
    }

    @Test
    void aManifestWithoutAModelGetsTheModelUnknownFinding(@TempDir Path tmp) throws Exception {
        assertThat(ingest(tmp.resolve("none"), null).findings()).extracting(Finding::rule)
                .contains(Rules.MODEL_UNKNOWN);
        assertThat(ingest(tmp.resolve("known"), "meta-llama/Llama-3.1-8B-Instruct").findings())
                .extracting(Finding::rule).doesNotContain(Rules.MODEL_UNKNOWN);
    }
}

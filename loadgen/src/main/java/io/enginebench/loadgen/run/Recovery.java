package io.enginebench.loadgen.run;

import io.enginebench.loadgen.summary.TraceSummary;
import io.enginebench.trace.JournalReader;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.UserFacingException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code bench recover}: seals the journal a killed run left behind, with status {@code partial}. */
public final class Recovery {
    private Recovery() {}

    public static JournalReader.Result recover(Path runDir) throws IOException {
        RunFolder folder = new RunFolder(runDir);
        if (!Files.exists(folder.manifestPath())) {
            throw new UserFacingException("not a run folder (no manifest.json): " + runDir);
        }
        if (!folder.hasJournal()) {
            throw new UserFacingException("nothing to recover in " + runDir + " (no journal.jsonl; already sealed?)");
        }
        RunManifest manifest = folder.readManifest();
        JournalReader.Result result = folder.seal(manifest, RunStatus.PARTIAL);
        // the killed run never wrote its outcome counts: count what the journal kept
        RunManifest sealed = folder.readManifest();
        folder.writeManifest(sealed.withResults(sealed.clientSelfCheck(),
                TraceSummary.outcomeCounts(folder.readRequests())));
        return result;
    }
}

package io.enginebench.loadgen.run;

import io.enginebench.loadgen.summary.RunTally;
import io.enginebench.trace.JournalReader;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.UserFacingException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** {@code bench recover}: seals the journal a killed run left behind, with status {@code partial}. */
public final class Recovery {
    /** How deep a parent folder is searched: raw-results/RUN and raw-results/compare-TIME/RUN. */
    private static final int SEARCH_DEPTH = 2;
    /** A journal written more recently than this may belong to a run still in progress (it journals every sample). */
    public static final Duration QUIET_BEFORE_RECOVERY = Duration.ofMinutes(2);

    private Recovery() {}

    public static boolean isRunFolder(Path dir) {
        return Files.exists(new RunFolder(dir).manifestPath());
    }

    /** Run folders under {@code parent} (not itself) that still have a journal, sorted by path. */
    public static List<Path> unsealedRunsUnder(Path parent) throws IOException {
        try (Stream<Path> dirs = Files.walk(parent, SEARCH_DEPTH)) {
            return dirs.filter(d -> !d.equals(parent) && Files.isDirectory(d) && isRunFolder(d)
                    && new RunFolder(d).hasJournal()).sorted().toList();
        }
    }

    /** How long ago the run's journal last changed. */
    public static Duration journalQuietFor(Path runDir, Instant now) throws IOException {
        Instant modified = Files.getLastModifiedTime(new RunFolder(runDir).journalPath()).toInstant();
        return Duration.between(modified, now);
    }

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
        // the killed run never wrote its outcome counts: count what the journal kept, one row at a time
        RunManifest sealed = folder.readManifest();
        RunTally tally = new RunTally();
        folder.forEachRequest(tally::add);
        folder.writeManifest(sealed.withResults(sealed.clientSelfCheck(), tally.outcomeCounts()));
        return result;
    }
}

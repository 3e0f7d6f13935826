package io.enginebench.loadgen.run;

import io.enginebench.loadgen.summary.LevelStats;
import io.enginebench.trace.RunManifest;

import java.nio.file.Path;
import java.util.List;

/** One finished (or stopped) iteration: its run folder, final manifest and per-level statistics. */
public record RunResult(Path runDir, RunManifest manifest, List<LevelStats> levels) {}

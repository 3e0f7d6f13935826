package io.enginebench.dashboard.live;

import io.enginebench.loadgen.matrix.MatrixManifest;

import java.util.List;

/** Everything the live view shows at one moment: the watched runs and the matrices found in the results folder. */
public record LiveSnapshot(String type, String generatedAt, List<LiveRunView> runs, List<MatrixManifest> matrices) {
    public static LiveSnapshot empty() { return new LiveSnapshot("snapshot", null, List.of(), List.of()); }
}

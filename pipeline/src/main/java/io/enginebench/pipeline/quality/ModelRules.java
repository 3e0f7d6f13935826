package io.enginebench.pipeline.quality;

import java.util.Optional;

/** A run whose model cannot be identified has nothing to be compared with: it is left out of every comparison. */
public final class ModelRules {
    private ModelRules() {}

    /** The {@link Rules#MODEL_UNKNOWN} finding when {@code modelName} is null or blank. */
    public static Optional<Finding> unknownModel(String runUid, String sourcePath, String modelName) {
        if (modelName != null && !modelName.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(runUid, sourcePath, Rules.MODEL_UNKNOWN, Finding.WARNING,
                "the model is not recorded: the run is left out of cell_summary, winners and the headline"));
    }
}

package io.enginebench.pipeline.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * plotly.js from the {@code org.webjars.npm:plotly.js-dist} jar, copied next to the report so that it opens
 * without network access. Plotly 2.x on purpose: Tablesaw's layout template emits title strings Plotly 3 dropped.
 */
final class PlotlyAsset {
    static final String VERSION = "2.35.3";
    static final String RESOURCE = "/META-INF/resources/webjars/plotly.js-dist/" + VERSION + "/plotly.js";
    static final String FILE_NAME = "plotly-" + VERSION + ".js";

    private PlotlyAsset() {}

    /** Copies the script into {@code assetsDir} unless an identical-size copy is already there. */
    static Path copyTo(Path assetsDir) throws IOException {
        Files.createDirectories(assetsDir);
        Path target = assetsDir.resolve(FILE_NAME);
        try (InputStream in = PlotlyAsset.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("plotly.js " + VERSION + " is not on the classpath (" + RESOURCE + ")");
            }
            if (!Files.exists(target)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }
}

package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.sql.EngineChoice;
import picocli.CommandLine.Option;

/** {@code --engine auto|duckdb|spark}, shared by the SQL commands; {@link SqlEngines} opens the engine it names. */
public final class EngineOption {
    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "auto",
            description = "auto, duckdb or spark (default: ${DEFAULT-VALUE}: duckdb, speaking DuckDB SQL, for a "
                    + "warehouse on the local disk; spark, speaking Spark SQL, for a URI such as s3a:// or hdfs://).")
    EngineChoice choice;

    public EngineChoice choice() {
        return choice;
    }

    /** The engine for this warehouse: the named one, or by location for {@code auto}. */
    public EngineChoice resolve(String warehouse) {
        return choice.resolve(warehouse);
    }
}

package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.ingest.IngestJob;
import io.enginebench.pipeline.ingest.IngestSummary;
import io.enginebench.pipeline.spark.Sessions;
import io.enginebench.pipeline.warehouse.Warehouse;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Read run folders and legacy result files into a new warehouse snapshot.")
public final class IngestCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders, walked recursively.")
    List<String> paths;

    @Mixin
    WarehouseOption warehouse;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        SparkSession spark = Sessions.getOrCreate("bench ingest");
        IngestSummary summary = new IngestJob(Warehouse.open(spark, warehouse.path()), out).run(paths);
        out.println(summary.render());
        return 0;
    }
}

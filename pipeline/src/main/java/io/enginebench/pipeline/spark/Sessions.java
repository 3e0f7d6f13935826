package io.enginebench.pipeline.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the SparkSession for pipeline commands. Without a master set from outside it runs embedded
 * ({@code local[*]}); under {@code spark-submit} the cluster's master and settings win, unchanged.
 */
public final class Sessions {
    private Sessions() {}

    public static SparkSession getOrCreate(String appName) {
        SparkConf conf = new SparkConf(true);
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        if (!conf.contains("spark.master")) {
            b.master("local[*]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4");
        }
        // A ratio with a zero denominator (a run without successful requests, a zero-length level) is undefined:
        // NULL, not an exception that aborts the whole analysis over hundreds of runs. Analysts' ad-hoc SQL gets the same.
        return b.config("spark.sql.ansi.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.parquet.compression.codec", "zstd")
                .getOrCreate();
    }
}

package io.enginebench.pipeline.quality;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of {@code data_quality}: a defect found in one run or file. Findings report, they never fix or drop data.
 *
 * @param runUid     null for files that did not parse (and for matrix manifests, which are not runs)
 * @param sourcePath relative to the ingest root
 * @param severity   {@code error} (numbers are wrong), {@code warning} (numbers need care), {@code info}
 */
public record Finding(String runUid, String sourcePath, String rule, String severity, String detail) {
    public static final String ERROR = "error";
    public static final String WARNING = "warning";
    public static final String INFO = "info";

    public Row toRow() { return RowFactory.create(runUid, sourcePath, rule, severity, detail); }

    public static Finding fromRow(Row r) {
        return new Finding(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4));
    }
}

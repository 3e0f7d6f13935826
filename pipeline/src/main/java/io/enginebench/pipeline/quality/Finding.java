package io.enginebench.pipeline.quality;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of {@code data_quality}: a defect found in one run or file. Findings report, they never fix or drop data.
 *
 * @param runUid     null for files that did not parse (and for matrix manifests, which are not runs)
 * @param sourcePath relative to the ingest root
 * @param severity   {@code error} (numbers are wrong), {@code warning} (numbers need care), {@code info}
 * @param scope      the level or arm of the run the finding is about ({@link FindingScope#RUN}: the whole run)
 */
public record Finding(String runUid, String sourcePath, String rule, String severity, String detail,
                      FindingScope scope) {
    public static final String ERROR = "error";
    public static final String WARNING = "warning";
    public static final String INFO = "info";

    public Finding {
        scope = scope == null ? FindingScope.RUN : scope;
    }

    /** A finding about a whole run or file. */
    public Finding(String runUid, String sourcePath, String rule, String severity, String detail) {
        this(runUid, sourcePath, rule, severity, detail, FindingScope.RUN);
    }

    public Row toRow() {
        return RowFactory.create(runUid, sourcePath, rule, severity, detail, scope.levelIndex(), scope.concurrency(),
                scope.targetRate(), scope.arm());
    }

    public static Finding fromRow(Row r) {
        FindingScope scope = r.size() < 9 ? FindingScope.RUN : new FindingScope(
                r.isNullAt(5) ? null : r.getInt(5), r.isNullAt(6) ? null : r.getInt(6),
                r.isNullAt(7) ? null : r.getDouble(7), r.getString(8));
        return new Finding(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4), scope);
    }
}

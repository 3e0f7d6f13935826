package io.enginebench.pipeline.sql.spark;

import io.enginebench.pipeline.sql.ErrorLines;
import io.enginebench.trace.UserFacingException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/**
 * Spark SQL statements run as they are, for the Java API ({@code PipelineSteps.query}) and the demo's summary: the
 * caller is the program itself, not a user at a prompt, so there is no read-only check (that is
 * {@link SparkQueryEngine}'s).
 */
public final class SparkStatements {
    private SparkStatements() {}

    /** Executes every statement in order and returns the last one's result; SQL errors become one-line errors. */
    public static Dataset<Row> run(SparkSession spark, List<String> statements) {
        if (statements.isEmpty()) throw new UserFacingException("sql: no statement given");
        Dataset<Row> last = null;
        for (String s : statements) {
            try {
                last = spark.sql(s);
                if (s != statements.get(statements.size() - 1)) last.collectAsList();
            } catch (Exception e) { // Spark throws AnalysisException (checked) without declaring it
                if (e instanceof AnalysisException || e.getClass().getName().contains("ParseException")) {
                    throw new UserFacingException("sql: " + ErrorLines.of(e), e);
                }
                if (e instanceof RuntimeException r) throw r;
                throw new IllegalStateException(e);
            }
        }
        return last;
    }
}

package io.enginebench.pipeline.sql;

import io.enginebench.trace.UserFacingException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/** Runs SQL statements against the registered warehouse views; SQL errors become one-line user errors. */
public final class SqlRunner {
    private SqlRunner() {}

    /** Executes every statement in order and returns the last one's result. */
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

    static String firstLine(String s) {
        return s == null ? "" : s.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
}

package io.enginebench.pipeline.sql.spark;

import io.enginebench.pipeline.sql.ReadOnlyViolation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.trees.TreeNode;
import scala.jdk.javaapi.CollectionConverters;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

/**
 * Turns SQL text into a Dataset only when it is a read-only query. The text is parsed with Spark's own parser first
 * (so nothing runs before the check: {@code spark.sql} executes commands eagerly); any command node (DDL, DML, SET,
 * CACHE, EXPLAIN, SHOW …) is refused. The analysed plan is then checked for functions that call arbitrary Java
 * methods, and queries over raw file paths are switched off for the session.
 */
public final class ReadOnlyQueries {
    /** Plan node classes that write but are not {@link Command}s in every Spark version. */
    private static final Set<String> WRITE_NODES = Set.of("InsertIntoStatement", "InsertIntoDir", "AppendData",
            "OverwriteByExpression", "OverwritePartitionsDynamic", "MergeIntoTable", "UpdateTable", "DeleteFromTable");
    /** Expressions that reach outside SQL (java_method / reflect / try_reflect). */
    private static final Set<String> FORBIDDEN_EXPRESSIONS = Set.of("CallMethodViaReflection");

    private static final Set<String> REFLECTION_FUNCTIONS = Set.of("reflect", "java_method", "try_reflect");

    private final SparkSession spark;

    public ReadOnlyQueries(SparkSession spark) {
        this.spark = spark;
        // `SELECT * FROM parquet.`/any/path`` would read any file the process can see; the warehouse views suffice.
        spark.conf().set("spark.sql.runSQLOnFiles", "false");
    }

    public SparkSession spark() {
        return spark;
    }

    /** Parses, checks and analyses {@code sql}; throws {@link ReadOnlyViolation} or Spark's analysis error. */
    public Dataset<Row> query(String sql) {
        return query(sql, new Object[0]);
    }

    /** The same, with values for the statement's {@code ?} parameters, in order (Spark's positional parameters). */
    public Dataset<Row> query(String sql, Object[] parameters) {
        String text = stripTrailingSemicolons(sql);
        if (text.isBlank()) throw new ReadOnlyViolation("empty statement");
        LogicalPlan parsed;
        try {
            parsed = spark.sessionState().sqlParser().parsePlan(text);
        } catch (ParseException e) {
            throw new ReadOnlyViolation("syntax error: " + firstLine(e.getMessage()));
        }
        String refused = findNode(parsed, true);
        if (refused != null) {
            throw new ReadOnlyViolation(refused.startsWith("calling") ? "read-only endpoint: " + refused
                    + " is not allowed" : "read-only endpoint: only queries are allowed (got " + refused + ")");
        }
        Dataset<Row> df = parameters.length == 0 ? spark.sql(text) : spark.sql(text, (Object) parameters);
        String forbidden = findNode(df.queryExecution().analyzed(), false);
        if (forbidden != null) {
            throw new ReadOnlyViolation("read-only endpoint: " + forbidden + " is not allowed");
        }
        return df;
    }

    static String stripTrailingSemicolons(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) s = s.substring(0, s.length() - 1).strip();
        return s;
    }

    /** The first line of an error message (Spark's carry a query plan after it). */
    public static String firstLine(String message) {
        if (message == null) return "";
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    /** Walks plans, their expressions and subquery plans; returns a description of the first refused node. */
    private static String findNode(LogicalPlan root, boolean commands) {
        Deque<TreeNode<?>> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            TreeNode<?> node = todo.pop();
            String name = node.getClass().getSimpleName();
            if (commands && (node instanceof Command || WRITE_NODES.contains(name))) {
                return describe(name);
            }
            if (node instanceof UnresolvedFunction f
                    && REFLECTION_FUNCTIONS.contains(f.nameParts().last().toLowerCase(Locale.ROOT))) {
                return "calling Java methods (" + f.nameParts().last() + ")";
            }
            if (!commands && FORBIDDEN_EXPRESSIONS.contains(name)) {
                return "calling Java methods (reflect/java_method)";
            }
            for (Object child : CollectionConverters.asJava(node.children())) todo.push((TreeNode<?>) child);
            if (node instanceof LogicalPlan plan) {
                for (Expression e : CollectionConverters.asJava(plan.expressions())) todo.push(e);
            }
            if (node instanceof SubqueryExpression sub) todo.push(sub.plan());
        }
        return null;
    }

    private static String describe(String className) {
        String s = className.replaceAll("(Command|Statement|Exec)$", "");
        return s.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }
}

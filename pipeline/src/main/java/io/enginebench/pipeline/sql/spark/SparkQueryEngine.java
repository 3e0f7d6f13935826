package io.enginebench.pipeline.sql.spark;

import io.enginebench.pipeline.sql.ColumnInfo;
import io.enginebench.pipeline.sql.EngineChoice;
import io.enginebench.pipeline.sql.ErrorLines;
import io.enginebench.pipeline.sql.QueryEngine;
import io.enginebench.pipeline.sql.QueryResult;
import io.enginebench.pipeline.sql.ResultColumn;
import io.enginebench.pipeline.sql.SqlError;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The warehouse's views in a Spark session, queried through {@link ReadOnlyQueries}: the engine for warehouses on a
 * cluster filesystem and for clusters. It does not own the session (Spark's is one per JVM): closing it leaves the
 * session running.
 */
public final class SparkQueryEngine implements QueryEngine {
    private final ReadOnlyQueries queries;

    /** Over a session whose catalog already has the warehouse's views. */
    public SparkQueryEngine(SparkSession spark) {
        this.queries = new ReadOnlyQueries(spark);
    }

    /** Registers the views in the session first. */
    public static SparkQueryEngine over(SparkSession spark, WarehouseViews views) {
        views.register(spark);
        return new SparkQueryEngine(spark);
    }

    public SparkSession spark() {
        return queries.spark();
    }

    public ReadOnlyQueries queries() {
        return queries;
    }

    @Override
    public String name() {
        return EngineChoice.spark.name();
    }

    @Override
    public String dialect() {
        return EngineChoice.SPARK_DIALECT;
    }

    @Override
    public QueryResult query(String sql, Object[] parameters) {
        return userErrors(() -> SparkResults.of(queries.query(sql, parameters)));
    }

    /** The analysed plan's schema: Spark plans a query lazily, so no job runs. */
    @Override
    public List<ResultColumn> columns(String sql, Object[] parameters) {
        return userErrors(() -> SparkResults.columns(queries.query(sql, parameters)));
    }

    @Override
    public List<String> tableNames() {
        List<String> names = new ArrayList<>();
        for (Row r : spark().sql("SHOW TABLES").collectAsList()) names.add(r.getString(1));
        names.sort(String::compareTo);
        return names;
    }

    @Override
    public List<ColumnInfo> describe(String table) {
        return userErrors(() -> {
            List<ColumnInfo> out = new ArrayList<>();
            for (StructField f : spark().table("`" + table.replace("`", "``") + "`").schema().fields()) {
                out.add(new ColumnInfo(f.name(), f.dataType().simpleString(), f.nullable()));
            }
            return out;
        });
    }

    @Override
    public void close() {}

    /** Spark's analysis and parse errors (checked, thrown undeclared) as {@link SqlError}s with one line. */
    private static <T> T userErrors(Supplier<T> call) {
        try {
            return call.get();
        } catch (SqlError e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof AnalysisException || e instanceof ParseException) throw new SqlError(ErrorLines.of(e), e);
            if (e instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e);
        }
    }
}

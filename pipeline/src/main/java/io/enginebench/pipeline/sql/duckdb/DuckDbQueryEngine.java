package io.enginebench.pipeline.sql.duckdb;

import io.enginebench.pipeline.sql.ColumnInfo;
import io.enginebench.pipeline.sql.EngineChoice;
import io.enginebench.pipeline.sql.QueryEngine;
import io.enginebench.pipeline.sql.QueryResult;
import io.enginebench.pipeline.sql.ResultColumn;
import io.enginebench.pipeline.sql.SqlError;
import org.duckdb.DuckDBDriver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The warehouse's views in an embedded, in-memory DuckDB that reads the warehouse's Parquet files where they lie: no
 * Spark, no Hadoop, answers in milliseconds. For a warehouse on the local disk ({@link EngineChoice#forWarehouse}).
 *
 * <p>Read-only twice over: each statement must pass {@link ReadOnlyStatements}, and once the views exist the
 * connection may read files under the warehouse only ({@code allowed_directories}, {@code enable_external_access =
 * false}), loads no extension, and its configuration is locked. Spark SQL's functions used by the notebooks and docs
 * work through {@link SparkFunctions}. One query at a time: a result streams from the connection, so read it (or close
 * it) before the next query; concurrent users open an engine each.
 */
public final class DuckDbQueryEngine implements QueryEngine {
    private final Connection connection;
    private final List<String> tables;

    private DuckDbQueryEngine(Connection connection, List<String> tables) {
        this.connection = connection;
        this.tables = List.copyOf(tables);
    }

    /** An engine over the warehouse at a local path or {@code file:} URI (a missing directory is an empty one). */
    public static DuckDbQueryEngine open(String warehouseLocation) {
        LocalWarehouse warehouse = LocalWarehouse.at(warehouseLocation);
        Properties props = new Properties();
        props.setProperty("jdbc_stream_results", "true");
        Connection c = null;
        try {
            // the driver directly: DriverManager would load every JDBC driver on the class path
            c = new DuckDBDriver().connect("jdbc:duckdb:", props);
            execute(c, "SET TimeZone = 'UTC'");   // as the Spark sessions (timestamps shown in UTC)
            execute(c, "SET autoinstall_known_extensions = false");
            execute(c, "SET autoload_known_extensions = false");
            for (String macro : SparkFunctions.MACROS) execute(c, macro);
            List<String> tables = DuckDbViews.create(c, warehouse);
            execute(c, "SET allowed_directories = [" + DuckDbViews.literal(warehouse.root() + "/") + "]");
            execute(c, "SET enable_external_access = false");
            execute(c, "SET lock_configuration = true");
            return new DuckDbQueryEngine(c, tables);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new SqlError("cannot open the warehouse at " + warehouseLocation + " with DuckDB: "
                    + DuckDbErrors.line(e.getMessage()), e);
        }
    }

    @Override
    public String name() {
        return EngineChoice.duckdb.name();
    }

    @Override
    public String dialect() {
        return EngineChoice.DUCKDB_DIALECT;
    }

    @Override
    public QueryResult query(String sql, Object[] parameters) {
        String text = SparkFunctions.rewrite(stripTrailingSemicolons(sql));
        ReadOnlyStatements.check(connection, text);
        PreparedStatement ps = null;
        try {
            ps = connection.prepareStatement(text);
            for (int i = 0; i < parameters.length; i++) ps.setObject(i + 1, parameters[i]);
            return new DuckDbResult(ps, ps.executeQuery());
        } catch (SQLException e) {
            closeQuietly(ps);
            throw DuckDbErrors.of(e);
        }
    }

    /** Prepared, not executed: the driver types a prepared statement's result when it prepares it. */
    @Override
    public List<ResultColumn> columns(String sql, Object[] parameters) {
        String text = SparkFunctions.rewrite(stripTrailingSemicolons(sql));
        ReadOnlyStatements.check(connection, text);
        try (PreparedStatement ps = connection.prepareStatement(text)) {
            return DuckDbResult.columns(ps.getMetaData());
        } catch (SQLException e) {
            throw DuckDbErrors.of(e);
        }
    }

    @Override
    public List<String> tableNames() {
        return tables;
    }

    @Override
    public List<ColumnInfo> describe(String table) {
        List<ColumnInfo> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("DESCRIBE " + DuckDbViews.ident(table))) {
            while (rs.next()) {
                out.add(new ColumnInfo(rs.getString("column_name"), rs.getString("column_type"),
                        !"NO".equals(rs.getString("null"))));
            }
        } catch (SQLException e) {
            throw DuckDbErrors.of(e);
        }
        return out;
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    static String stripTrailingSemicolons(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) s = s.substring(0, s.length() - 1).strip();
        return s;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception ignored) {
            // closing after a failure: the failure is what the user sees
        }
    }
}

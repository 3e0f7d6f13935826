package io.enginebench.pipeline.sql.duckdb;

import io.enginebench.pipeline.warehouse.SqlViews;
import io.enginebench.pipeline.warehouse.WarehouseTable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates the warehouse's views in a DuckDB connection the way {@code PipelineSteps.views()} registers them in Spark:
 * every base table (its canonical columns; empty without a snapshot), every derived table found, and the
 * {@code chunks} view when there is a snapshot.
 */
final class DuckDbViews {
    private DuckDbViews() {}

    /** Creates the views; returns their names. */
    static List<String> create(Connection c, LocalWarehouse warehouse) throws SQLException {
        List<String> names = new ArrayList<>();
        for (WarehouseTable t : BaseTableColumns.tables()) {
            Optional<Path> dir = warehouse.baseTable(t.tableName());
            String select = dir.isPresent() ? conformed(c, t, dir.get()) : empty(t);
            execute(c, "CREATE VIEW " + ident(t.tableName()) + " AS " + select);
            names.add(t.tableName());
        }
        for (Map.Entry<String, Path> d : warehouse.derivedTables().entrySet()) {
            execute(c, "CREATE VIEW " + ident(d.getKey()) + " AS SELECT * FROM " + readParquet(d.getValue()));
            names.add(d.getKey());
        }
        if (warehouse.currentSnapshot().isPresent()) {
            execute(c, "CREATE VIEW " + ident(WarehouseTable.CHUNKS.tableName()) + " AS " + SqlViews.CHUNKS_DUCKDB);
            names.add(WarehouseTable.CHUNKS.tableName());
        }
        names.sort(String::compareTo);
        return names;
    }

    /** The table's files read as its canonical columns: each cast to its type, a column the files lack as NULL. */
    private static String conformed(Connection c, WarehouseTable t, Path dir) throws SQLException {
        Set<String> present = new HashSet<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + readParquet(dir))) {
            while (rs.next()) present.add(rs.getString("column_name"));
        }
        List<String> cols = new ArrayList<>();
        for (Map.Entry<String, String> col : BaseTableColumns.of(t).entrySet()) {
            String value = present.contains(col.getKey()) ? ident(col.getKey()) : "NULL";
            cols.add("CAST(" + value + " AS " + col.getValue() + ") AS " + ident(col.getKey()));
        }
        return "SELECT " + String.join(", ", cols) + " FROM " + readParquet(dir);
    }

    private static String empty(WarehouseTable t) {
        List<String> cols = new ArrayList<>();
        for (Map.Entry<String, String> col : BaseTableColumns.of(t).entrySet()) {
            cols.add("CAST(NULL AS " + col.getValue() + ") AS " + ident(col.getKey()));
        }
        return "SELECT " + String.join(", ", cols) + " WHERE false";
    }

    private static String readParquet(Path dir) {
        return "read_parquet(" + literal(LocalWarehouse.parquetGlob(dir)) + ")";
    }

    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

package io.enginebench.pipeline.sql.duckdb;

import io.enginebench.pipeline.sql.QueryResult;
import io.enginebench.pipeline.sql.ResultColumn;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** A DuckDB result set read row by row (the connection streams results) as plain values. */
final class DuckDbResult implements QueryResult {
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final List<ResultColumn> columns;

    DuckDbResult(PreparedStatement statement, ResultSet rows) throws SQLException {
        this.statement = statement;
        this.rows = rows;
        this.columns = columns(rows.getMetaData());
    }

    /** The plain columns a result set or a prepared statement describes. */
    static List<ResultColumn> columns(ResultSetMetaData md) throws SQLException {
        List<ResultColumn> c = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) c.add(DuckDbValues.column(md, i));
        return List.copyOf(c);
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public Iterator<Object[]> rows() {
        return new Iterator<>() {
            private Boolean ahead;

            @Override
            public boolean hasNext() {
                if (ahead == null) {
                    try {
                        ahead = rows.next();
                    } catch (SQLException e) {
                        throw DuckDbErrors.of(e);
                    }
                }
                return ahead;
            }

            @Override
            public Object[] next() {
                if (!hasNext()) throw new NoSuchElementException();
                ahead = null;
                try {
                    Object[] row = new Object[columns.size()];
                    for (int i = 0; i < row.length; i++) row[i] = DuckDbValues.value(rows.getObject(i + 1),
                            columns.get(i).type());
                    return row;
                } catch (SQLException e) {
                    throw DuckDbErrors.of(e);
                }
            }
        };
    }

    @Override
    public void close() {
        try {
            rows.close();
            statement.close();
        } catch (SQLException e) {
            throw DuckDbErrors.of(e);
        }
    }
}

package io.enginebench.pipeline.sql;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The rows of one query in plain Java values ({@link PlainType#javaClass()}, {@code null} for SQL NULL). Rows are
 * streamed: {@link #rows} reads them as they are consumed, so an export of a million rows never holds them all.
 * Read the rows once; close the result when done (an engine may hold a cursor open).
 */
public interface QueryResult extends AutoCloseable {
    List<ResultColumn> columns();

    /** The rows, each with one value per column; may be called once. */
    Iterator<Object[]> rows();

    /**
     * At most {@code n} rows, read eagerly; instead of {@link #rows}, for a result that is shown, not exported (an
     * engine may compute only what is shown).
     */
    default List<Object[]> firstRows(int n) {
        List<Object[]> out = new ArrayList<>();
        Iterator<Object[]> it = rows();
        while (out.size() < n && it.hasNext()) out.add(it.next());
        return out;
    }

    default List<String> columnNames() {
        return columns().stream().map(ResultColumn::name).toList();
    }

    @Override
    void close();

    /** A result over rows already in memory. */
    static QueryResult of(List<ResultColumn> columns, List<Object[]> rows) {
        return new QueryResult() {
            @Override
            public List<ResultColumn> columns() {
                return columns;
            }

            @Override
            public Iterator<Object[]> rows() {
                return rows.iterator();
            }

            @Override
            public void close() {}
        };
    }
}

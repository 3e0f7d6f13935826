package io.enginebench.pipeline.flightsql;

import io.enginebench.pipeline.sql.ColumnInfo;
import io.enginebench.pipeline.sql.QueryEngine;
import io.enginebench.pipeline.sql.QueryResult;
import io.enginebench.pipeline.sql.ResultColumn;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls at the same time never share an engine; engines are reused, at most {@code max} exist, all are closed. */
class EnginePoolTest {
    /** An engine that only counts: its id, and whether it was closed. */
    private static final class Counted implements QueryEngine {
        final int id;
        boolean closed;

        Counted(int id) {
            this.id = id;
        }

        @Override
        public String name() {
            return "duckdb";
        }

        @Override
        public String dialect() {
            return "DuckDB SQL";
        }

        @Override
        public QueryResult query(String sql, Object[] parameters) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ResultColumn> columns(String sql, Object[] parameters) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> tableNames() {
            return List.of();
        }

        @Override
        public List<ColumnInfo> describe(String table) {
            return List.of();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void concurrentCallsGetDifferentEnginesAndSequentialOnesReuseOne() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        Counted first = new Counted(opened.incrementAndGet());
        EnginePool pool = new EnginePool(first, () -> new Counted(opened.incrementAndGet()), 2);
        int once = pool.with(e -> ((Counted) e).id);
        int again = pool.with(e -> ((Counted) e).id);
        assertThat(List.of(once, again)).containsExactly(1, 1);
        assertThat(pool.size()).isEqualTo(1);

        CountDownLatch bothInside = new CountDownLatch(2);
        ExecutorService calls = Executors.newFixedThreadPool(3);
        try {
            Future<Integer> a = calls.submit(() -> pool.with(e -> holdUntil(bothInside, e)));
            Future<Integer> b = calls.submit(() -> pool.with(e -> holdUntil(bothInside, e)));
            assertThat(List.of(a.get(10, TimeUnit.SECONDS), b.get(10, TimeUnit.SECONDS))).containsExactlyInAnyOrder(1, 2);

            // a third call while two hold the only two engines waits for one of them
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch holding = new CountDownLatch(2);
            Future<Integer> c = calls.submit(() -> pool.with(e -> await(holding, release, e)));
            Future<Integer> d = calls.submit(() -> pool.with(e -> await(holding, release, e)));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Integer> waiting = calls.submit(() -> pool.with(e -> ((Counted) e).id));
            Thread.sleep(200);
            assertThat(waiting.isDone()).isFalse();
            release.countDown();
            assertThat(waiting.get(10, TimeUnit.SECONDS)).isIn(1, 2);
            c.get(10, TimeUnit.SECONDS);
            d.get(10, TimeUnit.SECONDS);
        } finally {
            calls.shutdownNow();
        }
        assertThat(pool.size()).isEqualTo(2);
        pool.close();
        assertThat(first.closed).isTrue();
    }

    private static int holdUntil(CountDownLatch bothInside, QueryEngine e) {
        bothInside.countDown();
        try {
            assertThat(bothInside.await(10, TimeUnit.SECONDS)).as("the other call got an engine too").isTrue();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return ((Counted) e).id;
    }

    private static int await(CountDownLatch holding, CountDownLatch release, QueryEngine e) {
        holding.countDown();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return ((Counted) e).id;
    }
}

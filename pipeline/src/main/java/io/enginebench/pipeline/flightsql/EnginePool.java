package io.enginebench.pipeline.flightsql;

import io.enginebench.pipeline.sql.QueryEngine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Query engines for calls that run at once: Flight SQL serves several clients concurrently, and an engine answers one
 * query at a time (DuckDB's connection streams one result). Each call borrows an idle engine, or opens another, up to
 * {@code max}; beyond that calls wait for one to come back. Engines are kept until the pool closes.
 */
final class EnginePool implements AutoCloseable {
    private final Supplier<QueryEngine> opener;
    private final Semaphore permits;
    private final Deque<QueryEngine> idle = new ArrayDeque<>();
    private final List<QueryEngine> all = new ArrayList<>();
    private final QueryEngine first;

    /** {@code first}: an engine already open (the server starts with it, so a bad warehouse fails at start). */
    EnginePool(QueryEngine first, Supplier<QueryEngine> opener, int max) {
        this.first = first;
        this.opener = opener;
        this.permits = new Semaphore(max, true);
        idle.push(first);
        all.add(first);
    }

    /** The engine the pool started with: its name, dialect and tables are every engine's. */
    QueryEngine first() {
        return first;
    }

    /** Runs {@code call} on an engine no other call uses meanwhile; the result must not hold on to the engine. */
    <T> T with(Function<QueryEngine, T> call) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a query engine", e);
        }
        QueryEngine engine = null;
        try {
            engine = borrow();
            return call.apply(engine);
        } finally {
            if (engine != null) giveBack(engine);
            permits.release();
        }
    }

    /** Engines opened so far. */
    synchronized int size() {
        return all.size();
    }

    private QueryEngine borrow() {
        synchronized (this) {
            if (!idle.isEmpty()) return idle.pop();
        }
        QueryEngine engine = opener.get();   // outside the lock: opening takes a while
        synchronized (this) {
            all.add(engine);
        }
        return engine;
    }

    private synchronized void giveBack(QueryEngine engine) {
        idle.push(engine);
    }

    @Override
    public synchronized void close() {
        for (QueryEngine e : all) e.close();
        all.clear();
        idle.clear();
    }
}

package io.enginebench.pipeline.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Independent Spark jobs submitted from a few driver threads at once. On small data a job is mostly fixed driver-side
 * work (planning, code generation, scheduling), which then overlaps with another job's tasks; three at a time kept
 * both cores of the development machine busy (docs/PERFORMANCE.md).
 */
public final class ConcurrentJobs {
    public static final int THREADS = 3;

    private ConcurrentJobs() {}

    /** A pool of {@link #THREADS} daemon threads named {@code name}. */
    public static ExecutorService pool(String name) {
        return Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs every job, {@link #THREADS} at a time, and waits for all of them (none is still running when this returns);
     * then returns their results by key, in the map's order, or rethrows the first failure.
     */
    public static <K, T> Map<K, T> runAll(String name, Map<K, Callable<T>> jobs) throws IOException {
        ExecutorService pool = pool(name);
        try {
            Map<K, Future<T>> pending = new LinkedHashMap<>();
            jobs.forEach((k, job) -> pending.put(k, pool.submit(job)));
            Map<K, T> out = new LinkedHashMap<>();
            Exception first = null;
            for (Map.Entry<K, Future<T>> e : pending.entrySet()) {
                try {
                    out.put(e.getKey(), join(e.getValue()));
                } catch (IOException | RuntimeException failure) {
                    if (first == null) first = failure;
                }
            }
            if (first instanceof IOException io) throw io;
            if (first != null) throw (RuntimeException) first;
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The job's result, its own exception unwrapped (an IOException as itself). */
    public static <T> T join(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a Spark job", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof UncheckedIOException io) throw io.getCause();
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}

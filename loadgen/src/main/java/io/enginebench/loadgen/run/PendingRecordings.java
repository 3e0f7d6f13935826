package io.enginebench.loadgen.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The recordings of a level still under way, as a count rather than a list of futures (a level of a million requests
 * would keep a million), and the first failure among them.
 */
final class PendingRecordings {
    private long outstanding;
    private Throwable failure;

    /** Counts {@code recording} until it completes. */
    void track(CompletableFuture<?> recording) {
        synchronized (this) {
            outstanding++;
        }
        recording.whenComplete((v, e) -> done(e));
    }

    private synchronized void done(Throwable e) {
        if (e != null && failure == null) failure = e instanceof CompletionException && e.getCause() != null
                ? e.getCause() : e;
        if (--outstanding == 0) notifyAll();
    }

    /** Waits until every recording tracked so far has completed, then {@link #rethrow()}s. */
    synchronized void awaitAll() throws InterruptedException {
        while (outstanding > 0) wait();
        rethrow();
    }

    /** Throws the first failure of a completed recording, if any, as joining it would. */
    synchronized void rethrow() {
        if (failure != null) throw new CompletionException(failure);
    }
}

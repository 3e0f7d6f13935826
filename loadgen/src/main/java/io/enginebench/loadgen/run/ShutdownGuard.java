package io.enginebench.loadgen.run;

import io.enginebench.loadgen.arrival.LoadControl;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * On SIGINT/SIGTERM: stop sending, let the run wait briefly for in-flight requests and seal what completed (status
 * partial), then let the JVM exit. The hook blocks the exit until the run says it is done or the grace runs out.
 */
public final class ShutdownGuard implements AutoCloseable {
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    public ShutdownGuard(LoadControl control) {
        long waitMs = control.stopGrace().toMillis() + 20_000;
        this.hook = new Thread(() -> {
            control.requestStop();
            try {
                done.await(waitMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The run has sealed its folder; a normal exit removes the hook. */
    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: the hook is running and now sees the latch released
        }
    }
}

package io.enginebench.loadgen.summary;

import io.enginebench.trace.RequestRecord;

/** Live progress of a run, one level at a time. Implementations must tolerate calls from any thread. */
public interface ProgressView extends AutoCloseable {
    void startLevel(String label, long total);

    void finished(RequestRecord r);

    void endLevel();

    @Override
    void close();

    ProgressView NONE = new ProgressView() {
        @Override public void startLevel(String label, long total) {}

        @Override public void finished(RequestRecord r) {}

        @Override public void endLevel() {}

        @Override public void close() {}
    };

    /** A progress bar when stdout is a terminal and not {@code quiet}, else nothing. */
    static ProgressView forConsole(boolean quiet) {
        return quiet || System.console() == null ? NONE : new ProgressBarView();
    }
}

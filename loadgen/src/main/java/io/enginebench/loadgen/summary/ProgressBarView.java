package io.enginebench.loadgen.summary;

import io.enginebench.trace.RequestRecord;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One terminal progress bar per level, its suffix showing live TTFT/TPOT p50/p99 from {@link LiveLatency}; open-loop
 * levels show TTFT from the scheduled send, labelled {@code TTFT(sched)}.
 */
final class ProgressBarView implements ProgressView {
    private final LiveLatency live = new LiveLatency();
    private volatile ProgressBar bar;
    /** open-loop level: TTFT shown from the scheduled send (ttft_sched) */
    private volatile boolean scheduled;

    @Override
    public synchronized void startLevel(String label, long total) {
        endLevel();
        live.reset();
        bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).continuousUpdate().build();
    }

    @Override
    public void finished(RequestRecord r) {
        ProgressBar b = bar;
        if (b == null) return;
        scheduled = RequestLatency.scheduledBasis(r);
        live.record(RequestLatency.judgedTtftMs(r), RequestLatency.tpotMs(r));
        b.step();
        // the extra message is rendered by the bar's own thread; computing it here keeps it current
        if (b.getCurrent() % 5 == 0) b.setExtraMessage(live.snapshot().render(scheduled));
    }

    @Override
    public synchronized void endLevel() {
        if (bar != null) {
            bar.setExtraMessage(live.snapshot().render(scheduled));
            bar.close();
            bar = null;
        }
    }

    @Override
    public void close() { endLevel(); }
}

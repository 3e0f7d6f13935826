package io.enginebench.loadgen.sim.engine;

import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.SpecConfig;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The simulated engine: continuous batching in steps on one scheduler thread, driven by the real clock.
 *
 * <p>A step is planned at its start: running sequences that finished prefill decode (1 token, or 1 + accepted drafts
 * with speculative decoding), reserving KV for those tokens and preempting the newest running request (recompute)
 * when memory is short; then prefill chunks are scheduled within the per-step token budget, first for requests
 * already admitted, then for waiting requests admitted first-come-first-served while their prompt fits in memory and
 * the batch has room. The step's duration comes from {@link StepCostModel}; its tokens are delivered at the step's
 * end time on the real clock ({@code System.nanoTime}), and the next step starts at that planned end, so gaps do not
 * drift. With no work the loop sleeps until the next arrival.
 */
public final class EngineCore implements AutoCloseable {
    private static final long MAX_LAG_NANOS = 50_000_000L;

    private final ModelPreset preset;
    private final SpecConfig spec;
    private final StepCostModel cost;
    private final KvCache kv;
    private final Random random;
    private final SimMetrics metrics = new SimMetrics();
    private final ScheduledExecutorService loop;

    private final ArrayDeque<SimRequest> waiting = new ArrayDeque<>();
    private final List<SimRequest> running = new ArrayList<>();
    private boolean stepInFlight;

    public EngineCore(ModelPreset preset, SpecConfig spec, StepCostModel cost, KvCache kv, long seed) {
        this.preset = preset;
        this.spec = spec;
        this.cost = cost;
        this.kv = kv;
        this.random = new Random(seed);
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-engine");
            t.setDaemon(true);
            return t;
        });
    }

    /** Thread-safe: queues the request; it joins the batch at the next step boundary. */
    public void submit(SimRequest r) {
        r.arrivalNanos = System.nanoTime();
        loop.execute(() -> {
            r.prefillTarget = r.prompt.length;
            waiting.addLast(r);
            if (!stepInFlight) planStep(System.nanoTime());
        });
    }

    /** Reads the live counters on the engine thread. */
    public CompletableFuture<MetricsSnapshot> snapshot() {
        return CompletableFuture.supplyAsync(() -> metrics.snapshot(
                new SimMetrics.Live(running.size(), waiting.size(), kv.usage(), kv.capacityTokens()),
                System.nanoTime()), loop);
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }

    /** What one step will do, decided at its start. */
    private static final class StepPlan {
        final List<SimRequest> decode = new ArrayList<>();
        final List<Integer> decodeTokens = new ArrayList<>();
        final List<SimRequest> prefill = new ArrayList<>();
        final List<Integer> prefillChunks = new ArrayList<>();
        int prefillTokens;
        int structured;
        boolean preempted;
    }

    private void planStep(long startNanos) {
        dropCancelled();
        StepPlan plan = new StepPlan();
        planDecodes(plan);
        planPrefills(plan);
        if (plan.decode.isEmpty() && plan.prefill.isEmpty()) {
            stepInFlight = false;
            return;
        }
        stepInFlight = true;
        long end = startNanos + cost.stepNanos(plan.decode.size(), plan.prefillTokens, plan.structured);
        loop.schedule(() -> finishStep(plan, end), end - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    private void dropCancelled() {
        for (int i = running.size() - 1; i >= 0; i--) {
            SimRequest r = running.get(i);
            if (r.cancelled) {
                kv.release(r);
                running.remove(i);
                metrics.finishedAbort++;
            }
        }
        waiting.removeIf(r -> {
            if (r.cancelled) metrics.finishedAbort++;
            return r.cancelled;
        });
    }

    private void planDecodes(StepPlan plan) {
        for (int i = 0; i < running.size(); i++) {
            SimRequest r = running.get(i);
            if (r.computed < r.prefillTarget) continue;
            int want = Math.min(r.target - r.generated, spec.enabled() ? 1 + spec.draftTokens() : 1);
            boolean preemptedSelf = false;
            while (!kv.grow(r, r.prompt.length + r.generated + want)) {
                SimRequest victim = running.get(running.size() - 1);
                preempt(victim);
                plan.preempted = true;
                if (victim == r) {
                    preemptedSelf = true;
                    break;
                }
            }
            if (preemptedSelf) break; // r was the newest: nothing after it is running any more
            plan.decode.add(r);
            plan.decodeTokens.add(tokensThisStep(r));
            if (r.structured) plan.structured++;
        }
    }

    /** 1 token, or with speculation 1 + accepted drafts (geometric with p, capped at k), capped at what is left. */
    private int tokensThisStep(SimRequest r) {
        int n = 1;
        if (spec.enabled()) {
            int accepted = 0;
            while (accepted < spec.draftTokens() && random.nextDouble() < spec.acceptance()) accepted++;
            n += accepted;
        }
        return Math.min(n, r.target - r.generated);
    }

    private void preempt(SimRequest victim) {
        kv.release(victim);
        running.remove(victim);
        victim.computed = 0;
        victim.prefillTarget = victim.prompt.length + victim.generated;
        victim.admitted = false;
        waiting.addFirst(victim);
        metrics.preemptions++;
    }

    private void planPrefills(StepPlan plan) {
        int budget = preset.prefillBudgetTokens();
        boolean admitNew = !plan.preempted; // memory just ran out: admitting now would only thrash
        for (SimRequest r : running) {
            if (budget <= 0) break;
            if (r.computed < r.prefillTarget) budget -= addPrefill(plan, r, budget);
        }
        while (admitNew && budget > 0 && !waiting.isEmpty() && running.size() < preset.maxRunningSeqs()) {
            SimRequest r = waiting.peekFirst();
            int cached = kv.admit(r, r.prompt);
            if (cached < 0) break; // head-of-line waits for memory, as in FCFS scheduling
            if (r.prefillTarget > r.prompt.length && !kv.grow(r, r.prefillTarget)) {
                kv.release(r);
                break;
            }
            waiting.pollFirst();
            if (r.cached < 0) {
                r.cached = cached;
                metrics.prefixQueries += r.prompt.length;
                metrics.prefixHits += cached;
                metrics.promptTokens += r.prompt.length;
            }
            r.computed = cached;
            r.admitted = true;
            running.add(r);
            budget -= addPrefill(plan, r, budget);
        }
    }

    private int addPrefill(StepPlan plan, SimRequest r, int budget) {
        int chunk = Math.min(budget, r.prefillTarget - r.computed);
        plan.prefill.add(r);
        plan.prefillChunks.add(chunk);
        plan.prefillTokens += chunk;
        return chunk;
    }

    private void finishStep(StepPlan plan, long end) {
        long generatedThisStep = 0;
        for (int i = 0; i < plan.prefill.size(); i++) {
            SimRequest r = plan.prefill.get(i);
            if (r.cancelled || !r.admitted) continue;
            r.computed += plan.prefillChunks.get(i);
            if (r.computed >= r.prefillTarget) {
                kv.commitPrompt(r, r.prompt);
                emit(r, 1, end);
                generatedThisStep++;
            }
        }
        for (int i = 0; i < plan.decode.size(); i++) {
            SimRequest r = plan.decode.get(i);
            if (r.cancelled || !r.admitted) continue;
            int n = plan.decodeTokens.get(i);
            if (spec.enabled()) {
                metrics.specDrafts++;
                metrics.specDraftTokens += spec.draftTokens();
                metrics.specAccepted += n - 1;
            }
            emit(r, n, end);
            generatedThisStep += n;
        }
        metrics.stepGenerated(end, generatedThisStep);
        long now = System.nanoTime();
        planStep(now - end > MAX_LAG_NANOS ? now : end);
    }

    private void emit(SimRequest r, int n, long end) {
        List<String> pieces = new ArrayList<>(n);
        for (int i = 0; i < n; i++) pieces.add(r.output.get());
        r.generated += n;
        metrics.generationTokens += n;
        if (r.firstTokenNanos == 0) {
            r.firstTokenNanos = end;
            metrics.ttft.observe((end - r.arrivalNanos) / 1e9);
        } else {
            metrics.interToken.observe((end - r.lastEventNanos) / 1e9);
        }
        r.lastEventNanos = end;
        String finish = null;
        if (r.generated >= r.target) {
            finish = r.targetReason;
            kv.release(r);
            running.remove(r);
            r.admitted = false;
            if ("stop".equals(finish)) metrics.finishedStop++;
            else metrics.finishedLength++;
            metrics.e2e.observe((end - r.arrivalNanos) / 1e9);
        }
        r.sink.accept(new TokenEvent(pieces, r.prompt.length, Math.max(0, r.cached), r.generated, finish));
    }
}

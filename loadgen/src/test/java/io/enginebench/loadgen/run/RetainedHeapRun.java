package io.enginebench.loadgen.run;

import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.engine.EngineTarget;
import io.enginebench.loadgen.prompt.PromptPacks;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.loadgen.scenario.ScenarioCatalog;
import io.enginebench.loadgen.scenario.ScenarioOverrides;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Forked by {@link BoundedMemoryTest}: runs {@code args[0]} one-token requests at concurrency 16 through the runner
 * against an {@link InstantEngine}, forcing a full collection every 200 ms and keeping the largest heap in use right
 * after it (what the run retains), then prints {@code retained_bytes=N requests=M}.
 */
public final class RetainedHeapRun {
    private RetainedHeapRun() {}

    /** The heap in use right after the last collection (what lived through it), not what was allocated since. */
    private static long usedAfterLastCollection() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }

    public static void main(String[] args) throws Exception {
        int requests = Integer.parseInt(args[0]);
        Path out = Files.createTempDirectory("retained-heap");
        AtomicLong retained = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heap-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleWithFixedDelay(() -> {
            System.gc();
            retained.accumulateAndGet(usedAfterLastCollection(), Math::max);
        }, 200, 200, TimeUnit.MILLISECONDS);
        Scenario s = new ScenarioOverrides(requests, List.of(16), null, 1, null, 1, 0, null, null)
                .applyTo(ScenarioCatalog.standard().get("throughput_ramp"));
        RunResult r = new ScenarioRunner(new InstantEngine(1), PromptPacks.fromDirectory(Path.of("..", "prompts")),
                RunOptions.defaults(out), null)
                .run(s, new EngineTarget(EngineKind.VLLM, null, "http://127.0.0.1:8000/", "m", null),
                        LoadControl.standard()).get(0);
        sampler.shutdown();
        sampler.awaitTermination(10, TimeUnit.SECONDS);
        System.out.println("retained_bytes=" + retained.get() + " requests=" + r.manifest().outcomes().get("ok"));
        try (Stream<Path> files = Files.walk(out)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        System.exit(0);
    }
}

package io.enginebench.loadgen.perf;

/**
 * The rows of the fidelity table: what each measures, its goal, and the reference figures measured beside it earlier
 * on this machine ("vLLM client": vLLM's own benchmark client; "EngineBench before": this client before the hand-off,
 * warm-up and memory work), kept as constants to compare against, not re-measured.
 */
enum FidelityRow {
    CPU_EVENT_BURST_64("client CPU per event, 8 events per write, 64 streams", FidelityWorkload.BURST, 64,
            FidelityWorkload.CPU_PER_EVENT, "µs", 1, "5.7", "4.0"),
    CPU_EVENT_BURST_256("client CPU per event, 8 events per write, 256 streams", FidelityWorkload.BURST, 256,
            FidelityWorkload.CPU_PER_EVENT, "µs", 1, "5.1", "4.5"),
    CPU_EVENT_PACED_512("client CPU per paced event (10 ms apart), 512 streams", FidelityWorkload.PACED, 512,
            FidelityWorkload.CPU_PER_EVENT, "µs", 8, "22.5", "21.6"),
    CPU_REQUEST("client CPU per request, 1-token responses, 64 users", FidelityWorkload.REQUESTS, 64,
            FidelityWorkload.CPU_PER_REQUEST, "µs", 50, "440", "141–146"),
    ADDED_P99_64("client-added latency p99, paced, 64 streams", FidelityWorkload.PACED, 64,
            FidelityWorkload.ADDED_P99, "ms", 0.5, "8.1", "2.1"),
    ADDED_P99_256("client-added latency p99, paced, 256 streams", FidelityWorkload.PACED, 256,
            FidelityWorkload.ADDED_P99, "ms", 1, "32.5", "3.2"),
    ADDED_P99_512("client-added latency p99, paced, 512 streams", FidelityWorkload.PACED, 512,
            FidelityWorkload.ADDED_P99, "ms", 2, "107", "8.0"),
    TTFT_P50("reported TTFT p50, server TTFT 0, 256 users", FidelityWorkload.TTFT, 256,
            FidelityWorkload.TTFT_P50, "ms", 1, "34.5", "11.3"),
    TTFT_FROM_SLOT_P50("same, counted from the freed slot", FidelityWorkload.TTFT, 256,
            FidelityWorkload.TTFT_FROM_SLOT_P50, "ms", 1, "—", "21");

    final String label;
    final FidelityWorkload workload;
    final int streams;
    /** the figure of the workload's result this row reads */
    final String figure;
    final String unit;
    /** met when the warm figure is at most this */
    final double goal;
    final String vllmClient;
    final String engineBenchBefore;

    FidelityRow(String label, FidelityWorkload workload, int streams, String figure, String unit, double goal,
                String vllmClient, String engineBenchBefore) {
        this.label = label;
        this.workload = workload;
        this.streams = streams;
        this.figure = figure;
        this.unit = unit;
        this.goal = goal;
        this.vllmClient = vllmClient;
        this.engineBenchBefore = engineBenchBefore;
    }
}

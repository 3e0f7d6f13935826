package io.enginebench.pipeline.report.section;

import io.enginebench.pipeline.report.ReportBuilder;
import io.enginebench.pipeline.report.ReportSection;

import java.util.List;

/**
 * The report's sections, in order. Each one names the warehouse table its numbers come from (see
 * docs/DERIVED_TABLES.md) and says so when there is nothing to show.
 */
public final class ReportSections {
    public static final List<ReportSection> ALL = List.of(
            new Headline(),
            new ScenarioCells("single-request-latency", "Single-request latency", "single_request_latency",
                    List.of("ttft_ms_p50", "ttft_ms_p95", "tpot_ms_p50", "tpot_ms_p95"), "ms (mean over iterations)"),
            new ThroughputRamps(),
            new ScenarioCells("long-context", "Long context", "long_context_stress",
                    List.of("ttft_ms_p50", "ttft_ms_p95", "tpot_ms_p50"), "ms (mean over iterations)"),
            new PrefixSharing(),
            new StructuredOutput(),
            new DecodeSweep(),
            new Concurrency64(),
            new SpeculativeDecoding(),
            new Goodput(),
            new Variance(),
            new Distributions(),
            new Tradeoff(),
            new EngineTimelines(),
            new Historical(),
            new EngineOutages(),
            new DataQuality(),
            new Methodology(),
            new Environment());

    private ReportSections() {}

    /** A report builder with every section, in order. */
    public static ReportBuilder builder() {
        return new ReportBuilder(ALL);
    }
}

package io.enginebench.pipeline.quality;

import io.enginebench.trace.EngineMetricNames;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

/**
 * {@code spec_unverified}: a run labelled speculative (a {@code spec_method}, or a variant named after a speculative
 * method) whose engine reported no drafting over the run: no positive increase of a drafted/accepted-token counter and
 * no acceptance gauge above 0. The label then rests on the variant's name alone, and the engine may have run without it.
 */
public final class SpecEvidenceRule {
    /** Variant names that promise speculative decoding even without a spec_method (vllm-ngram, sglang-eagle3, …). */
    static final Pattern SPEC_VARIANT = Pattern.compile(
            "(?i)(^|[-_])(ngram|eagle\\d*|medusa|mtp|spec|speculative|draft|lookahead)($|[-_])");

    private SpecEvidenceRule() {}

    /** True when the run's labels claim speculative decoding. */
    public static boolean claimsSpeculation(String specMethod, String engineVariant) {
        return (specMethod != null && !specMethod.isBlank())
                || (engineVariant != null && SPEC_VARIANT.matcher(engineVariant).find());
    }

    /**
     * @param runs          run rows with run_uid, source_path, engine_variant, spec_method
     * @param engineMetrics those runs' engine_metrics rows (normalised names)
     */
    public static List<Finding> check(Dataset<Row> runs, Dataset<Row> engineMetrics) {
        List<Row> claimed = new ArrayList<>();
        for (Row r : runs.select("run_uid", "source_path", "engine_variant", "spec_method").collectAsList()) {
            if (claimsSpeculation(r.getString(3), r.getString(2))) claimed.add(r);
        }
        if (claimed.isEmpty()) return List.of();
        Set<String> drafted = new HashSet<>();
        // a counter shows drafting by rising over the run; a gauge by any sample above 0
        engineMetrics.filter(col("name").isin(EngineMetricNames.SPEC_EVIDENCE.toArray()))
                .groupBy("run_uid", "name", "labels")
                .agg(max("value").as("top"), max("value").minus(min("value")).as("rise"))
                .filter(when(col("name").endsWith("_total"), col("rise")).otherwise(col("top")).gt(lit(0)))
                .select("run_uid").distinct().collectAsList()
                .forEach(r -> drafted.add(r.getString(0)));
        List<Finding> out = new ArrayList<>();
        for (Row r : claimed) {
            if (drafted.contains(r.getString(0))) continue;
            out.add(new Finding(r.getString(0), r.getString(1), Rules.SPEC_UNVERIFIED, Finding.WARNING,
                    "variant " + r.getString(2) + (r.isNullAt(3) ? "" : " (spec_method " + r.getString(3) + ")")
                            + " is labelled speculative but the engine reported no drafted tokens over the run"
                            + " (no rise of " + EngineMetricNames.SPEC_DRAFT_TOKENS + " or "
                            + EngineMetricNames.SPEC_ACCEPTED_TOKENS + ", no acceptance gauge above 0)"));
        }
        return out;
    }
}

package io.enginebench.pipeline.analysis;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** run_summary's level rows publish the load each level achieved next to its label. */
class RunSummaryAchievedLoadTest {

    @Test
    void levelRowsCarryAchievedConcurrencyAndRate() {
        Fixture fx = new Fixture();
        fx.run("ramp", "m", "vllm", "throughput_ramp");
        // level 0, label 4: four requests of 1 s, all at once, then four more -> 4 in flight over 2 s
        for (int i = 0; i < 8; i++) {
            fx.request("ramp", i, (i / 4) * 1000.0, 10, 1000, 5).put("concurrency", 4);
        }
        // level 1, label 8: two requests of 1 s one after the other (the second failed) -> 1 in flight over 2 s
        fx.request("ramp", 8, 5000, 10, 1000, 5).put("level_index", 1);
        fx.request("ramp", 9, 6000, 10, 1000, 5).put("level_index", 1);
        fx.requests.get(8).put("concurrency", 8);
        fx.requests.get(9).put("concurrency", 8);
        fx.requests.get(9).put("outcome", "timeout");
        fx.run("open", "m", "vllm", "rate_sweep");
        // target 4 req/s, five requests 0.5 s apart -> 2 req/s
        for (int i = 0; i < 5; i++) {
            fx.request("open", i, i * 500.0, 10, 100, 5).put("target_rate", 4.0);
        }

        List<Row> levels = Analyses.computeAll(fx, AnalysisOptions.defaults()).get("run_summary")
                .filter(col("scope").equalTo("level")).orderBy("run_uid", "level_index").collectAsList();
        assertThat(levels).hasSize(3);
        Row open = levels.get(0);
        assertThat(open.<Double>getAs("achieved_rate")).isCloseTo(2.0, within(1e-9));
        assertThat(open.<Double>getAs("achieved_concurrency")).isCloseTo(0.5 / 2.1, within(1e-9));
        assertThat(levels.get(1).<Double>getAs("achieved_concurrency")).isCloseTo(4.0, within(1e-9));
        assertThat(levels.get(2).<Double>getAs("achieved_concurrency")).isCloseTo(1.0, within(1e-9));
        assertThat(levels.get(2).<Double>getAs("achieved_rate")).isCloseTo(1.0, within(1e-9));
    }
}

package io.enginebench.pipeline.quality;

import io.enginebench.pipeline.spark.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@link AchievedLoad}: requests in flight and arrival rate of a level, from its requests' send and completion times. */
class AchievedLoadTest {
    private static final long S = 1_000_000_000L;
    private static final StructType REQUESTS = StructType.fromDDL("level int, sent_ns bigint, completed_ns bigint");

    private static Row load(List<Row> rows) {
        return SharedSpark.get().createDataFrame(rows, REQUESTS).groupBy(col("level"))
                .agg(AchievedLoad.concurrency().as("concurrency"), AchievedLoad.rate().as("rate"))
                .orderBy("level").collectAsList().get(0);
    }

    @Test
    void overlappingRequestsGiveTheirMeanInFlightAndTheirArrivalRate() {
        // three requests of 2 s sent 0.5 s apart: 6 s busy over a 3 s window, 2 gaps in 1 s
        Row r = load(List.of(RowFactory.create(0, 0L, 2 * S), RowFactory.create(0, S / 2, S / 2 + 2 * S),
                RowFactory.create(0, S, 3 * S)));

        assertThat(r.getDouble(r.fieldIndex("concurrency"))).isCloseTo(2.0, within(1e-12));
        assertThat(r.getDouble(r.fieldIndex("rate"))).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void requestsOneAfterAnotherAreOneInFlight() {
        Row r = load(List.of(RowFactory.create(0, 0L, S), RowFactory.create(0, S, 2 * S),
                RowFactory.create(0, 2 * S, 3 * S)));

        assertThat(r.getDouble(r.fieldIndex("concurrency"))).isCloseTo(1.0, within(1e-12));
        assertThat(r.getDouble(r.fieldIndex("rate"))).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aSingleSentRequestHasNoRate() {
        Row r = load(List.of(RowFactory.create(0, 0L, S), RowFactory.create(0, null, null)));

        assertThat(r.isNullAt(r.fieldIndex("rate"))).isTrue();
        assertThat(r.getDouble(r.fieldIndex("concurrency"))).isCloseTo(1.0, within(1e-12));
    }
}

package io.enginebench.loadgen.breaker;

import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.trace.Outcome;
import io.enginebench.trace.RunManifest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CircuitBreaker} without a network: when it trips, what it waits for, and what it records. */
class CircuitBreakerTest {
    private static final BreakerOptions THREE = new BreakerOptions(3, Duration.ofSeconds(30), Duration.ofMillis(5),
            false);

    @Test
    void onlyConsecutiveConnectionFailuresTripIt() throws Exception {
        LoadControl control = LoadControl.standard().scoped();
        CircuitBreaker b = new CircuitBreaker(THREE, () -> true, control, 0, false);
        b.onOutcome(Outcome.CONNECT_ERROR, null);
        b.onOutcome(Outcome.CONNECT_ERROR, null);
        b.onOutcome(Outcome.HTTP_ERROR, 503); // an error response still proves the engine is there
        b.onOutcome(Outcome.CONNECT_ERROR, null);
        b.onOutcome(Outcome.STREAM_ERROR, 200); // a stream cut after its headers neither counts nor resets
        b.onOutcome(Outcome.TIMEOUT, null);
        assertThat(b.pass()).isZero();
        b.onOutcome(Outcome.CONNECT_ERROR, null);
        b.onOutcome(Outcome.STREAM_ERROR, null); // dropped before any response
        b.onOutcome(Outcome.CONNECT_ERROR, null);
        assertThat(b.pass()).isPositive();
        assertThat(b.outages()).singleElement().satisfies(o -> {
            assertThat(o.resumed()).isTrue();
            assertThat(o.failures()).isEqualTo(3);
            assertThat(o.catchUp()).isNull(); // closed loop: no schedule to catch up on
        });
        assertThat(control.abortReason()).isNull();
    }

    @Test
    void aStreamTheDeadEngineCutStillCountsTheRefusalsAroundIt() {
        // on a busy client the streams in flight when the engine died may be reported after the first refusals: they
        // say the engine was there when they began, not that it is there now, so the count goes on across them
        CircuitBreaker b = new CircuitBreaker(THREE, () -> true, LoadControl.standard().scoped(), 0, false);
        b.onOutcome(Outcome.CONNECT_ERROR, null);
        b.onOutcome(Outcome.CONNECT_ERROR, null);
        b.onOutcome(Outcome.STREAM_ERROR, 200);
        assertThat(b.holding()).isFalse();
        b.onOutcome(Outcome.CONNECT_ERROR, null);
        assertThat(b.holding()).isTrue();
    }

    @Test
    void itHoldsUntilTheEngineIsHealthyAgainAndCountsWhatWasHeldBack() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        CircuitBreaker b = new CircuitBreaker(THREE, () -> probes.incrementAndGet() >= 4,
                LoadControl.standard().scoped(), 0, true);
        for (int i = 0; i < 3; i++) b.onOutcome(Outcome.CONNECT_ERROR, null);
        b.heldBack(2); // while tripped
        assertThat(b.pass()).isPositive();
        b.heldBack(5); // the arrival process's count after the hold
        assertThat(probes.get()).isEqualTo(4);
        assertThat(b.outages()).singleElement().satisfies(o -> {
            assertThat(o.requestsNotSent()).isEqualTo(7);
            assertThat(o.catchUp()).isFalse();
            assertThat(o.endNs()).isGreaterThanOrEqualTo(o.startNs());
        });
        assertThat(b.pass()).isZero(); // closed again
    }

    @Test
    void anEngineThatDoesNotComeBackAbortsTheScopeNotItsParent() throws Exception {
        LoadControl parent = LoadControl.standard();
        LoadControl scope = parent.scoped();
        CircuitBreaker b = new CircuitBreaker(new BreakerOptions(1, Duration.ofMillis(100), Duration.ofMillis(10),
                false), () -> false, scope, 0, false);
        b.onOutcome(Outcome.CONNECT_ERROR, null);
        b.pass();
        assertThat(scope.stopRequested()).isTrue();
        assertThat(scope.abortReason()).isEqualTo(RunManifest.ENGINE_UNREACHABLE);
        assertThat(parent.stopRequested()).isFalse();
        assertThat(b.outages()).singleElement().satisfies(o -> assertThat(o.resumed()).isFalse());
    }

    @Test
    void turnedOffItNeverTrips() throws Exception {
        AtomicBoolean probed = new AtomicBoolean();
        CircuitBreaker b = new CircuitBreaker(BreakerOptions.OFF, () -> probed.getAndSet(true),
                LoadControl.standard(), 0, false);
        for (int i = 0; i < 100; i++) b.onOutcome(Outcome.CONNECT_ERROR, null);
        assertThat(b.pass()).isZero();
        assertThat(probed).isFalse();
        assertThat(b.outages()).isEmpty();
    }
}

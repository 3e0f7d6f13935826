package io.enginebench.loadgen.sim.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KvCacheTest {
    private static int[] tokens(int from, int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = from + i;
        return t;
    }

    private static SimRequest request() {
        return new SimRequest(1, new int[] {1}, 1, "stop", () -> "x", false, e -> {});
    }

    @Test
    void pagedCacheReusesFullBlocksAndEvictsLeastRecentlyUsed() {
        PagedKvCache kv = new PagedKvCache(10, 16);
        SimRequest a = request();
        int[] pa = tokens(0, 64); // 4 blocks
        assertThat(kv.admit(a, pa)).isZero();
        kv.commitPrompt(a, pa);
        assertThat(kv.usage()).isEqualTo(0.4);
        kv.release(a);
        assertThat(kv.usage()).isZero(); // cached but unreferenced blocks do not count as used

        SimRequest b = request();
        int[] pb = tokens(0, 70);
        assertThat(kv.admit(b, pb)).isEqualTo(64);
        kv.release(b);

        // fill memory with an unrelated prompt: the cached prefix is evicted
        SimRequest c = request();
        assertThat(kv.admit(c, tokens(1000, 160))).isZero();
        assertThat(kv.grow(c, 161)).isFalse();
        kv.release(c);
        SimRequest d = request();
        assertThat(kv.admit(d, tokens(0, 70))).isZero();
    }

    @Test
    void pagedCacheRefusesWhenMemoryIsShort() {
        PagedKvCache kv = new PagedKvCache(4, 16);
        SimRequest a = request();
        assertThat(kv.admit(a, tokens(0, 50))).isZero(); // 4 blocks
        assertThat(kv.admit(request(), tokens(500, 10))).isEqualTo(-1);
        assertThat(kv.grow(a, 65)).isFalse();
        assertThat(kv.grow(a, 64)).isTrue();
    }

    @Test
    void radixCacheMatchesToTheTokenAndSplitsNodes() {
        RadixKvCache kv = new RadixKvCache(1000);
        SimRequest a = request();
        int[] pa = tokens(0, 100);
        kv.admit(a, pa);
        kv.commitPrompt(a, pa);
        kv.release(a);
        int[] pb = tokens(0, 130);
        pb[37] = -1; // diverges after 37 tokens
        SimRequest b = request();
        assertThat(kv.admit(b, pb)).isEqualTo(37);
        kv.commitPrompt(b, pb);
        SimRequest c = request();
        assertThat(kv.admit(c, tokens(0, 100))).isEqualTo(99); // the last token is recomputed
        kv.release(b);
        kv.release(c);
        assertThat(kv.usage()).isZero();
    }

    @Test
    void radixCacheEvictsUnlockedLeavesWhenFull() {
        RadixKvCache kv = new RadixKvCache(200);
        SimRequest a = request();
        kv.admit(a, tokens(0, 150));
        kv.commitPrompt(a, tokens(0, 150));
        kv.release(a);
        SimRequest b = request();
        assertThat(kv.admit(b, tokens(5000, 150))).isZero(); // needs eviction of a's prefix
        assertThat(kv.usage()).isEqualTo(0.75);
        SimRequest c = request();
        assertThat(kv.admit(c, tokens(0, 150))).isEqualTo(-1); // b is locked: 150 + 150 > 200
    }
}

package io.enginebench.trace;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256SetTest {
    private static String sha(int i) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(("prompt " + i).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void agreesWithAHashSetOverManyDigestsAsItGrows() throws Exception {
        Sha256Set set = new Sha256Set();
        Set<String> reference = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            String s = sha(i % 30_000); // 20,000 repeats
            assertThat(set.add(s)).isEqualTo(reference.add(s));
        }
        assertThat(set.size()).isEqualTo(30_000).isEqualTo(reference.size());
    }

    @Test
    void keysThatAreNotDigestsAndTheAllZeroDigestAreKeptApart() {
        Sha256Set set = new Sha256Set();
        assertThat(set.add("sha")).isTrue();
        assertThat(set.add("sha")).isFalse();
        assertThat(set.add("other")).isTrue();
        assertThat(set.add("0".repeat(64))).isTrue();
        assertThat(set.add("0".repeat(64))).isFalse();
        assertThat(set.add("z".repeat(64))).isTrue(); // 64 characters, not hex: digested
        assertThat(set.size()).isEqualTo(4);
    }
}

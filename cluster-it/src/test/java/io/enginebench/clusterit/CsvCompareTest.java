package io.enginebench.clusterit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCompareTest {
    @Test
    void lastBitsOfANumberAreTheOnlyAllowedDifference() {
        String a = "k,sd\nx,0.4222723933507425\n";
        assertThat(CsvCompare.differences(a, "k,sd\nx,0.42227239335073435\n")).isEmpty();
        assertThat(CsvCompare.differences(a, "k,sd\nx,0.42227239\n")).hasSize(1);
        assertThat(CsvCompare.differences(a, "k,sd\ny,0.4222723933507425\n")).hasSize(1);
        assertThat(CsvCompare.differences(a, "k,sd\nx,\n")).hasSize(1);
        assertThat(CsvCompare.differences(a, a + "z,1\n")).hasSize(1);
    }
}

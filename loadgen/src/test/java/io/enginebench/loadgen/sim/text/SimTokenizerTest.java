package io.enginebench.loadgen.sim.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimTokenizerTest {
    private final SimTokenizer tokenizer = new SimTokenizer();

    @Test
    void splitsWordsEveryFourCharactersAndPunctuationAlone() {
        assertThat(tokenizer.pieces("Hello, wonderful world!"))
                .containsExactly("Hell", "o", ",", " wond", "erfu", "l", " worl", "d", "!");
        assertThat(tokenizer.pieces("a  b\n")).containsExactly("a", " ", " b", "\n");
    }

    @Test
    void generatedTextReTokenisesToTheSameCount() {
        TextGenerator g = new TextGenerator(7);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 500; i++) sb.append(g.nextPiece());
        assertThat(tokenizer.count(sb.toString())).isEqualTo(500);
    }

    @Test
    void isDeterministic() {
        assertThat(tokenizer.encode("the same text")).containsExactly(tokenizer.encode("the same text"));
        assertThat(new TextGenerator(3).words(5)).isEqualTo(new TextGenerator(3).words(5));
    }
}

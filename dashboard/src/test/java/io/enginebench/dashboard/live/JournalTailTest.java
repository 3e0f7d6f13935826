package io.enginebench.dashboard.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

class JournalTailTest {
    @TempDir Path tmp;

    @Test
    void returnsOnlyCompleteLinesAndRemembersWhereItStopped() throws Exception {
        Path f = tmp.resolve("journal.jsonl");
        JournalTail tail = new JournalTail(f);
        assertThat(tail.readNewLines()).isEmpty();  // not there yet

        append(f, "{\"a\":1}\n{\"b\":\"ü");
        assertThat(tail.readNewLines()).containsExactly("{\"a\":1}");
        assertThat(tail.offset()).isEqualTo(8);
        assertThat(tail.readNewLines()).isEmpty();  // the half line waits

        append(f, "\"}\n{\"c\":3}\n");
        assertThat(tail.readNewLines()).containsExactly("{\"b\":\"ü\"}", "{\"c\":3}");
        assertThat(tail.readNewLines()).isEmpty();

        Files.writeString(f, "{\"new\":1}\n");  // a shorter, new file: read from its start
        assertThat(tail.readNewLines()).containsExactly("{\"new\":1}");
        Files.delete(f);
        assertThat(tail.readNewLines()).isEmpty();
    }

    private static void append(Path f, String s) throws Exception {
        Files.write(f, s.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

package io.enginebench.pipeline.warehouse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/WAREHOUSE.md's table index lists the registry, row for row. */
class WarehouseTableDocsTest {

    @Test
    void theDocsTableIndexIsTheRegistry() throws Exception {
        List<String> doc = Files.readAllLines(Path.of("..", "docs", "WAREHOUSE.md"), StandardCharsets.UTF_8);
        int header = doc.indexOf("| table | kind | key | description |");
        assertThat(header).as("table index header in docs/WAREHOUSE.md").isPositive();
        List<String> rows = doc.subList(header + 2, doc.size()).stream().takeWhile(l -> l.startsWith("|")).toList();
        List<String> expected = Arrays.stream(WarehouseTable.values())
                .map(t -> "| `" + t.tableName() + "` | " + t.kind().name().toLowerCase(Locale.ROOT) + " | "
                        + String.join(", ", t.keyColumns()) + " | " + t.description() + " |")
                .toList();
        assertThat(rows).containsExactlyElementsOf(expected);
    }
}

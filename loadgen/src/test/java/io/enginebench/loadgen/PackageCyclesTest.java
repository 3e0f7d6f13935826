package io.enginebench.loadgen;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arrows between the loadgen packages run one way: a package that uses another is never used by it, directly or
 * through others. Reads the main sources (imports and fully-qualified names in code, comments left out), so a new
 * cycle fails here rather than in a reviewer's head.
 */
class PackageCyclesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final String ROOT = "io.enginebench.loadgen";
    /** Cycles that exist today, each as the set of its packages; remove an entry once its cycle is broken. */
    private static final Set<Set<String>> KNOWN_CYCLES = Set.of(
            // the simulator's settings live in sim, next to the server that uses sim.engine and sim.http
            Set.of(ROOT + ".sim", ROOT + ".sim.engine", ROOT + ".sim.http"));

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** a loadgen package followed by a class name: {@code io.enginebench.loadgen.openai.Usage} → openai */
    private static final Pattern REFERENCE = Pattern.compile("\\b(" + Pattern.quote(ROOT) + "(?:\\.[a-z]\\w*)*)\\.[A-Z]");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    @Test
    void loadgenPackagesFormNoCycleBeyondTheKnownOnes() throws IOException {
        assertThat(cycles(dependencies())).isEqualTo(KNOWN_CYCLES);
    }

    @Test
    void aCycleIsFound() {
        Map<String, Set<String>> graph = new TreeMap<>();
        graph.put("a", Set.of("b"));
        graph.put("b", Set.of("c"));
        graph.put("c", Set.of("a"));
        graph.put("d", Set.of("a"));
        assertThat(cycles(graph)).containsExactly(Set.of("a", "b", "c"));
    }

    /** package → the loadgen packages its classes use */
    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES.resolve(ROOT.replace('.', '/')))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = read(file);
                Matcher pkg = PACKAGE.matcher(source);
                assertThat(pkg.find()).as("package of %s", file).isTrue();
                String from = pkg.group(1);
                Set<String> uses = graph.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher ref = REFERENCE.matcher(COMMENT.matcher(source).replaceAll(""));
                while (ref.find()) {
                    if (!ref.group(1).equals(from)) uses.add(ref.group(1));
                }
            }
        }
        assertThat(graph).as("loadgen packages under %s", SOURCES.toAbsolutePath()).hasSizeGreaterThan(5);
        return graph;
    }

    /** The strongly connected components of more than one package (Tarjan's algorithm). */
    private static Set<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<Set<String>> found = new HashSet<>();
        for (String start : graph.keySet()) {
            if (!index.containsKey(start)) connect(start, graph, index, low, stack, found);
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<Set<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) found.add(Set.copyOf(component));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

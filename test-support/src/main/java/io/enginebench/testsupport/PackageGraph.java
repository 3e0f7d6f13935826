package io.enginebench.testsupport;

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

/**
 * The package graph of a module's main sources (imports and fully-qualified names in code, comments left out) and
 * its cycles, so that each module's test can keep its arrows one way.
 */
public final class PackageGraph {
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    private PackageGraph() {}

    /** package → the packages under {@code root} its classes use, read from the sources under {@code sources} */
    public static Map<String, Set<String>> of(Path sources, String root) throws IOException {
        Pattern reference = Pattern.compile("\\b(" + Pattern.quote(root) + "(?:\\.[a-z]\\w*)*)\\.[A-Z]");
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources.resolve(root.replace('.', '/')))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = read(file);
                Matcher pkg = PACKAGE.matcher(source);
                if (!pkg.find()) throw new IllegalStateException("no package declaration in " + file);
                String from = pkg.group(1);
                Set<String> uses = graph.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher ref = reference.matcher(COMMENT.matcher(source).replaceAll(""));
                while (ref.find()) {
                    if (!ref.group(1).equals(from)) uses.add(ref.group(1));
                }
            }
        }
        if (graph.isEmpty()) throw new IllegalStateException("no sources under " + sources.toAbsolutePath());
        return graph;
    }

    /** The strongly connected components of more than one package (Tarjan's algorithm). */
    public static Set<Set<String>> cycles(Map<String, Set<String>> graph) {
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

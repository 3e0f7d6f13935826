package io.enginebench.loadgen.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Parser for the Prometheus text exposition format (version 0.0.4): comment, {@code # HELP} and {@code # TYPE}
 * lines are skipped; sample lines are {@code name{label="value",…} value [timestamp]} with escaped label values
 * ({@code \\}, {@code \"}, {@code \n}) and {@code +Inf}, {@code -Inf}, {@code NaN} values. Histogram and summary
 * series are ordinary samples here ({@code _bucket} with an {@code le} label, {@code _sum}, {@code _count}).
 * A malformed line is skipped and counted rather than failing the whole scrape.
 */
public final class PrometheusTextParser {

    /** The samples of one scrape, plus how many lines could not be read. */
    public record Result(List<PrometheusSample> samples, int malformedLines) {}

    public Result parse(String text) {
        List<PrometheusSample> samples = new ArrayList<>();
        int malformed = 0;
        int start = 0;
        int n = text.length();
        while (start < n) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            String line = text.substring(start, end).strip();
            start = end + 1;
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            PrometheusSample s = parseLine(line);
            if (s == null) {
                malformed++;
            } else {
                samples.add(s);
            }
        }
        return new Result(samples, malformed);
    }

    /** One sample line, or null when it is malformed. */
    static PrometheusSample parseLine(String line) {
        int i = 0;
        int n = line.length();
        while (i < n && isNameChar(line.charAt(i), i == 0)) {
            i++;
        }
        if (i == 0) {
            return null;
        }
        String name = line.substring(0, i);
        TreeMap<String, String> labels = new TreeMap<>();
        i = skipBlanks(line, i);
        if (i < n && line.charAt(i) == '{') {
            i++;
            while (true) {
                i = skipBlanks(line, i);
                if (i >= n) {
                    return null;
                }
                if (line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int keyStart = i;
                while (i < n && isNameChar(line.charAt(i), i == keyStart) && line.charAt(i) != ':') {
                    i++;
                }
                if (i == keyStart) {
                    return null;
                }
                String key = line.substring(keyStart, i);
                i = skipBlanks(line, i);
                if (i >= n || line.charAt(i) != '=') {
                    return null;
                }
                i = skipBlanks(line, i + 1);
                if (i >= n || line.charAt(i) != '"') {
                    return null;
                }
                i++;
                StringBuilder value = new StringBuilder();
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i++);
                    if (c == '\\' && i < n) {
                        char e = line.charAt(i++);
                        value.append(e == 'n' ? '\n' : e);
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    return null;
                }
                labels.put(key, value.toString());
                i = skipBlanks(line, i);
                if (i < n && line.charAt(i) == ',') {
                    i++;
                }
            }
        }
        String[] rest = line.substring(i).trim().split("[ \t]+");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
            return null;
        }
        try {
            double value = parseValue(rest[0]);
            Long ts = rest.length == 2 ? Long.parseLong(rest[1]) : null;
            return new PrometheusSample(name, labels, value, ts);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static double parseValue(String s) {
        return switch (s) {
            case "+Inf", "Inf", "+inf", "inf" -> Double.POSITIVE_INFINITY;
            case "-Inf", "-inf" -> Double.NEGATIVE_INFINITY;
            case "NaN", "nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    private static boolean isNameChar(char c, boolean first) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || (!first && c >= '0' && c <= '9');
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}

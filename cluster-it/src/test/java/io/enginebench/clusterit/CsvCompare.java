package io.enginebench.clusterit;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares two CSV texts cell by cell: every cell byte-equal, except that two numbers may differ in their last bits
 * (relative 1e-9; a standard deviation of nearly equal values keeps fewer exact digits). Spark's floating-point
 * aggregates (avg, stddev_samp) add their partial results in the order tasks finish, which differs between
 * partitionings; everything else must be identical.
 */
final class CsvCompare {
    static final double RELATIVE = 1e-9;

    private CsvCompare() {}

    /** The differing cells beyond rounding, as "line N, cell M: a vs b"; empty when equal. */
    static List<String> differences(String expected, String actual) {
        List<String> out = new ArrayList<>();
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        if (e.length != a.length) {
            out.add("line count " + e.length + " vs " + a.length);
            return out;
        }
        for (int i = 0; i < e.length; i++) {
            if (e[i].equals(a[i])) continue;
            String[] ec = e[i].split(",", -1);
            String[] ac = a[i].split(",", -1);
            if (ec.length != ac.length) {
                out.add("line " + (i + 1) + ": " + e[i] + " vs " + a[i]);
                continue;
            }
            for (int j = 0; j < ec.length; j++) {
                if (!ec[j].equals(ac[j]) && !closeNumbers(ec[j], ac[j])) {
                    out.add("line " + (i + 1) + ", cell " + (j + 1) + ": " + ec[j] + " vs " + ac[j]);
                }
            }
        }
        return out;
    }

    private static boolean closeNumbers(String x, String y) {
        try {
            double a = Double.parseDouble(x);
            double b = Double.parseDouble(y);
            return Math.abs(a - b) <= RELATIVE * Math.max(Math.abs(a), Math.abs(b));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

package io.enginebench.dashboard.results;

import io.enginebench.trace.UserFacingException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Filters of {@code GET /api/runs}; null means "any". {@code model} matches the full id or its last path segment;
 * {@code date} is a UTC day {@code YYYY-MM-DD} of the run's start.
 */
public record RunFilter(String model, String engine, String variant, String scenario, LocalDate date) {
    public static RunFilter none() { return new RunFilter(null, null, null, null, null); }

    public static RunFilter of(String model, String engine, String variant, String scenario, String date) {
        LocalDate day = null;
        if (blankToNull(date) != null) {
            try {
                day = LocalDate.parse(date.trim());
            } catch (DateTimeParseException e) {
                throw new UserFacingException("date must be YYYY-MM-DD, got '" + date + "'");
            }
        }
        return new RunFilter(blankToNull(model), blankToNull(engine), blankToNull(variant), blankToNull(scenario), day);
    }

    static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }
}

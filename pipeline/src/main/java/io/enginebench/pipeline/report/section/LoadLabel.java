package io.enginebench.pipeline.report.section;

import io.enginebench.pipeline.report.Fmt;
import io.enginebench.pipeline.report.TableQueries;
import tech.tablesaw.api.Table;

import java.util.Locale;

/**
 * The load a comparison ran at, as the headline names it: "c=16", "rate 8/s", with the arm in front for two-arm
 * scenarios ("arm shared · c=4"). {@code sortKey} orders arms by name, then loads numerically.
 */
record LoadLabel(String text, String sortKey) {
    static final String UNRECORDED = "load not recorded";

    static LoadLabel of(Table t, int row) {
        String arm = TableQueries.text(t, "arm", row);
        double rate = TableQueries.number(t, "target_rate", row);
        double concurrency = TableQueries.number(t, "concurrency", row);
        String load;
        double value;
        if (!Double.isNaN(rate)) {
            load = "rate " + Fmt.number(rate) + "/s";
            value = rate;
        } else if (!Double.isNaN(concurrency)) {
            load = "c=" + Fmt.number(concurrency);
            value = concurrency;
        } else {
            load = UNRECORDED;
            value = Double.MAX_VALUE;
        }
        String text = arm.isEmpty() ? load : "arm " + arm + " · " + load;
        return new LoadLabel(text, arm + "\u0000" + (Double.isNaN(rate) ? "c" : "r")
                + String.format(Locale.ROOT, "%020.6f", value));
    }
}

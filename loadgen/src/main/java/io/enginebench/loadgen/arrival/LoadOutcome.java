package io.enginebench.loadgen.arrival;

import org.HdrHistogram.Histogram;

/**
 * What an arrival process did.
 *
 * @param dispatched   requests handed to the client
 * @param scheduleLag  dispatch − scheduled, in ns, one value per dispatched request
 * @param drained      true when every dispatched request ended before the load returned
 * @param stopped      true when a stop request cut the load short
 */
public record LoadOutcome(long dispatched, Histogram scheduleLag, boolean drained, boolean stopped) {}

package io.enginebench.loadgen.arrival;

/**
 * One send decided by an arrival process.
 *
 * @param sequence       0-based position in the load's send order
 * @param scheduledNanos when the request was meant to go (open loop: the schedule; closed loop: when a virtual user
 *                       became free)
 * @param dispatchNanos  when the scheduler handed it to the client; {@code dispatch − scheduled} is the schedule lag
 * @param capWaitNanos   open loop: how long it waited for a place under the concurrency cap (part of the lag, the
 *                       engine's doing); 0 otherwise
 * @param handOff        closed loop: the user was freed by its previous request (not the initial fill), so the time
 *                       from {@code scheduledNanos} to the request's bytes leaving is the loop's hand-off
 */
public record Slot(long sequence, long scheduledNanos, long dispatchNanos, long capWaitNanos, boolean handOff) {}

package io.enginebench.loadgen.arrival;

/**
 * Lets an arrival process hold its sends while the engine is down. The process asks before every send; a held gate
 * blocks it until the engine answers again or the run gives up (then the {@link LoadControl} says stop).
 */
public interface Gate {
    /** A gate that never holds. */
    Gate OPEN = new Gate() {
        @Override
        public long pass() { return 0; }

        @Override
        public void heldBack(long requests) {}
    };

    /**
     * True while sends are held; never blocks. A closed loop asks it on the thread that completed a request, and
     * leaves a user to {@link #pass()} on its own thread only then.
     */
    default boolean holding() { return false; }

    /** Blocks while sending is held; returns how long it held the caller, in ns (0 when it was open). */
    long pass() throws InterruptedException;

    /** After a hold: how many requests the arrival process could not send during it. */
    void heldBack(long requests);
}

package io.enginebench.loadgen.cli;

import io.enginebench.loadgen.run.EngineConnector;
import io.enginebench.loadgen.run.UnwiredEngineConnector;

/** The single place where the CLI obtains its transport: swap in the real HTTP connector here. */
public final class TransportWiring {
    private TransportWiring() {}

    public static EngineConnector connector() {
        return new UnwiredEngineConnector();
    }
}

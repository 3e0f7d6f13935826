package io.enginebench.loadgen.run;

import io.enginebench.loadgen.client.GenerationRequest;
import io.enginebench.loadgen.client.StreamRequest;
import io.enginebench.loadgen.prompt.PreparedPrompt;

/** A request fully prepared before its level starts, so the scheduler only has to hand bytes to the client. */
record PlannedRequest(PreparedPrompt prompt, GenerationRequest generation, StreamRequest wire) {
    String structuredMode() { return generation.structured() ? "json_schema" : "none"; }

    /** The same request sent with {@code x-request-id: id}. */
    PlannedRequest withRequestId(String id) { return new PlannedRequest(prompt, generation, wire.withRequestId(id)); }
}

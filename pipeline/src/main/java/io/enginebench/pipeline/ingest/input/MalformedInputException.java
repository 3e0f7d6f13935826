package io.enginebench.pipeline.ingest.input;

/** A file that cannot be ingested; its message is the quarantine reason (one line). */
public class MalformedInputException extends Exception {
    public MalformedInputException(String reason) { super(reason); }
}

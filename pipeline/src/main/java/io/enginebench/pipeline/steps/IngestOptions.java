package io.enginebench.pipeline.steps;

import io.enginebench.trace.UserFacingException;

import java.util.List;

/**
 * What {@link PipelineSteps#ingest} reads: files or folders (any Hadoop-compatible path), walked recursively for
 * native run folders and the older harness's JSON results.
 *
 * @param paths at least one, none blank
 */
public record IngestOptions(List<String> paths) {
    public IngestOptions {
        if (paths == null || paths.isEmpty()) throw new UserFacingException("ingest: give at least one PATH");
        if (paths.stream().anyMatch(p -> p == null || p.isBlank())) {
            throw new UserFacingException("ingest: a PATH is empty");
        }
        paths = List.copyOf(paths);
    }

    public static IngestOptions of(String... paths) {
        return new IngestOptions(List.of(paths));
    }
}

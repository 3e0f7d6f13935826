package io.enginebench.pipeline.sql;

/** A column of a table as the engine declares it ({@code \d NAME}): name, the engine's own type name, nullability. */
public record ColumnInfo(String name, String type, boolean nullable) {}

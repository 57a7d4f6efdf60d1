package dev.sluice.runtime.type;

/** A named column of a {@link Schema} or a field of a ROW type. */
public record Field(String name, DataType type) {}

package dev.sluice.runtime.graph;

import dev.sluice.runtime.function.CalcFunction;
import dev.sluice.runtime.function.WatermarkFunction;
import dev.sluice.runtime.spi.Source;
import java.util.function.Supplier;

/**
 * A table the query reads.
 *
 * @param table the table's name, which keys its offsets and watermark in checkpoints
 * @param source makes the connector's source when the query starts
 * @param scan turns a row as the connector reads it into the table's row (computed columns), or
 *     null when they are the same
 * @param watermark computes, from a table row, the watermark that row allows (its event time minus
 *     the delay), or null for a table without a watermark
 * @param bounded a static table: read whole in the first batch after each start, never again,
 *     and its offsets are not checkpointed
 */
public record SourceNode(String table, Supplier<Source> source, CalcFunction scan, WatermarkFunction watermark, boolean bounded) {}

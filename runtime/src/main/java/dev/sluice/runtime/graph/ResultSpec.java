package dev.sluice.runtime.graph;

import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.type.Schema;
import java.util.Comparator;

/**
 * What the query's result is and how the sink receives it.
 *
 * @param keyColumns the result key for update mode: empty when the result has at most one row,
 *     null when the key is the whole row
 * @param order the order of a complete-mode result table ({@code ORDER BY}), or null
 * @param limit the most rows a complete-mode result keeps after ordering, or -1
 * @param mayDelete whether update mode may produce deletes (for sinks that cannot apply them)
 */
public record ResultSpec(Schema schema, OutputMode mode, int[] keyColumns, Comparator<Object[]> order, long limit, boolean mayDelete) {}

package dev.sluice.planner.translate;

import dev.sluice.planner.PlanningException;
import dev.sluice.planner.physical.Changelog;
import dev.sluice.planner.physical.PhysicalNode;
import dev.sluice.planner.physical.StreamGroupAggregate;
import dev.sluice.planner.physical.Aggregating;
import dev.sluice.runtime.spi.OutputMode;

/**
 * The one place that decides whether a physical plan can run in an output mode
 * (SEMANTICS.md "Output modes"). A refusal names the mode, the reason and the fix.
 */
public final class OutputModeChecker {
  private OutputModeChecker() {}

  /**
   * @param ordered whether the query ends in a global ORDER BY
   * @throws PlanningException when the plan cannot honour the mode
   */
  public static void check(PhysicalNode root, OutputMode mode, boolean ordered) {
    switch (mode) {
      case APPEND -> {
        Aggregating unbounded = findAggregate(root, false);
        if (unbounded instanceof StreamGroupAggregate aggregate && aggregate.evictByProcessingTime()) {
          throw new PlanningException("Append output mode is not supported for this query: its aggregation "
              + aggregate.explain() + " groups by a processing-time window, which is updated as rows arrive: there is no "
              + "watermark to say when its rows are final. Group by an event-time window over a column with a WATERMARK, "
              + "or use update output mode (SET 'output.mode' = 'update').");
        }
        if (unbounded != null) {
          throw new PlanningException("Append output mode is not supported for this query: its aggregation "
              + unbounded.explain() + " has no event-time window or watermarked event-time key, so its rows could change "
              + "forever and none would ever be final. Add a WATERMARK to the source table and group by an event-time "
              + "window or column, or use update or complete output mode (SET 'output.mode' = 'update').");
        }
        if (root.changelog() == Changelog.UPDATING) {
          throw new PlanningException("Append output mode is not supported for this query: its result rows can change after "
              + "they are emitted (" + firstUpdating(root).explain() + " emits updates). Use update output mode "
              + "(SET 'output.mode' = 'update').");
        }
        if (ordered) throw orderByRefused(mode);
      }
      case UPDATE -> {
        if (ordered) throw orderByRefused(mode);
      }
      case COMPLETE -> {
        if (findAggregate(root, true) == null) {
          throw new PlanningException("Complete output mode is not supported for this query: it has no aggregation, so its "
              + "result table would grow without bound and be delivered whole after every batch. Use append or update output "
              + "mode (SET 'output.mode' = 'append').");
        }
      }
    }
  }

  private static PlanningException orderByRefused(OutputMode mode) {
    return new PlanningException("ORDER BY is not supported in " + mode.sqlName() + " output mode: a stream has no last row "
        + "to sort up to. Sort an aggregated result in complete output mode (SET 'output.mode' = 'complete'), or remove ORDER BY.");
  }

  /** The first aggregate in the plan; with {@code any} false, the first one with no event-time key. */
  private static Aggregating findAggregate(PhysicalNode node, boolean any) {
    if (node instanceof Aggregating aggregate && (any || node.changelog() == Changelog.UPDATING)) return aggregate;
    for (PhysicalNode input : node.inputs()) {
      Aggregating found = findAggregate(input, any);
      if (found != null) return found;
    }
    return null;
  }

  private static PhysicalNode firstUpdating(PhysicalNode node) {
    for (PhysicalNode input : node.inputs()) {
      if (input.changelog() == Changelog.UPDATING) return firstUpdating(input);
    }
    return node;
  }
}

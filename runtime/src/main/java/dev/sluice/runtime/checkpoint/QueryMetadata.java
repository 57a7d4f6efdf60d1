package dev.sluice.runtime.checkpoint;

import java.util.List;
import java.util.UUID;

/**
 * Which query wrote a checkpoint: its id, its SQL, the fingerprint of its state layout and that
 * layout in words (the output mode, then each stateful operator as EXPLAIN shows it), so an
 * incompatible query is refused with what changed instead of reading state it does not
 * understand.
 *
 * @param formatVersion the layout of the checkpoint's files, {@link #FORMAT_VERSION} when written
 *     by this version
 * @param stateLayout the output mode and the stateful operators, one line each
 * @param checkpointId the checkpoint's identity, a UUID made when it was created and stamped on
 *     every file it holds, so a file copied in from another checkpoint is refused; null in a
 *     query's description before it is matched to a checkpoint
 */
public record QueryMetadata(int formatVersion, String queryId, String sql, String fingerprint, List<String> stateLayout, String checkpointId) {
  /**
   * 2: per-batch deltas and snapshots, a checksum line on every file. 3: a grouped or session
   * aggregation writes the DISTINCT calls on one column as one map of values to a multiplicity per
   * call, after the other calls' accumulators (format 2 wrote one map per call, in call order). 4:
   * every file carries the checkpoint's identity, and log entries are checked against their names.
   */
  public static final int FORMAT_VERSION = 4;

  public QueryMetadata {
    stateLayout = stateLayout == null ? List.of() : List.copyOf(stateLayout);
  }

  /** The metadata of a checkpoint created now for the query {@code description} describes: a new identity. */
  public static QueryMetadata ofNewCheckpoint(QueryMetadata description) {
    return description.withCheckpointId(UUID.randomUUID().toString());
  }

  public QueryMetadata withCheckpointId(String id) {
    return new QueryMetadata(formatVersion, queryId, sql, fingerprint, stateLayout, id);
  }

  /**
   * Null when a query described by {@code current} may resume from this checkpoint, else what
   * changed, in words: the first line of the state layout that differs.
   */
  public String incompatibility(QueryMetadata current) {
    if (formatVersion != FORMAT_VERSION) {
      return "its files are in checkpoint format " + formatVersion + " and this version of Sluice reads only format " + FORMAT_VERSION
          + (formatVersion == 3
              ? " (format 3 files carry no checkpoint identity, so a file copied in from another checkpoint could not be told apart)"
              : " (the state of some operators is laid out differently)");
    }
    if (fingerprint.equals(current.fingerprint)) return null;
    List<String> before = stateLayout;
    List<String> after = current.stateLayout;
    for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
      if (!before.get(i).equals(after.get(i))) {
        return "what changed: " + (i == 0 ? "the output mode" : "stateful operator " + i) + "\n    was: " + before.get(i) + "\n    now: "
            + after.get(i);
      }
    }
    if (before.size() > after.size()) {
      return "what changed: this query no longer has stateful operator " + after.size() + ": " + before.get(after.size());
    }
    if (after.size() > before.size()) {
      return "what changed: this query adds stateful operator " + before.size() + ": " + after.get(before.size());
    }
    return "what changed: the state layout's fingerprint, from " + fingerprint + " to " + current.fingerprint;
  }
}

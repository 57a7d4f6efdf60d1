package dev.sluice.runtime.state;

import java.io.IOException;

/**
 * What a stateful operator gives the checkpoint: its state split into {@link KeyGroups#COUNT} key
 * groups plus a small operator-wide part, and which groups changed since the last checkpoint.
 *
 * <p>The executor calls these from the query thread. After a batch it writes the operator-wide
 * part and every group in {@link #changedKeyGroups()} (all of them for a full snapshot), then
 * clears that set. On restore, on a freshly opened operator and before any batch, it calls {@link
 * #readShared} once and {@link #readKeyGroup} at most once per group, each reader holding exactly
 * what the matching write produced; it clears the set afterwards.
 */
public interface KeyGroupedState {

  /** The groups changed since the set was last cleared; the executor clears it. */
  ChangedKeyGroups changedKeyGroups();

  /** Writes state that belongs to no key (a flag, a counter); written with every checkpoint. */
  default void writeShared(StateWriter out) throws IOException {}

  default void readShared(StateReader in) throws IOException {}

  /** Writes everything kept for the keys of {@code keyGroup}. */
  void writeKeyGroup(int keyGroup, StateWriter out) throws IOException;

  /** Adds the keys of {@code keyGroup} as {@link #writeKeyGroup} wrote them. */
  void readKeyGroup(int keyGroup, StateReader in) throws IOException;
}

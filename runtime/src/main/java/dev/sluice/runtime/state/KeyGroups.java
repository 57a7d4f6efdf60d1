package dev.sluice.runtime.state;

/**
 * Keyed state is split into a fixed number of key groups, as Flink does: a key's group depends
 * only on its hash, and checkpoints store state group by group, so a query can later spread its
 * groups over several threads or machines without changing the checkpoint layout.
 */
public final class KeyGroups {
  /** Fixed for the life of a checkpoint; Flink's default maximum parallelism is 128 too. */
  public static final int COUNT = 128;

  private KeyGroups() {}

  public static int of(int hash) {
    // Spread the bits first so keys with similar hashes (small integers) fill all groups.
    int h = hash * 0x9E3779B9;
    return (h ^ (h >>> 16)) & (COUNT - 1);
  }
}

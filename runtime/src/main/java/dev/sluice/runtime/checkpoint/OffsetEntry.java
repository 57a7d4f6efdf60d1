package dev.sluice.runtime.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The write-ahead record of a planned batch: each source's range, and the source watermarks in
 * force while it runs. A batch redone after a crash reads exactly these ranges.
 */
public record OffsetEntry(long batchId, Map<String, String> startOffsets, Map<String, String> endOffsets, Map<String, Long> watermarks) {
  /** 128 bits of SHA-256: enough that two ranges never share a digest by chance. */
  private static final int DIGEST_BYTES = 16;

  /**
   * A digest of the batch's input ranges (each source's start and end, in source order by name),
   * the same whenever the batch is redone. A sink stores it with a committed batch id, so that a
   * repeat of that id over other input, which it would otherwise skip, is told apart.
   */
  public String inputDigest() {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    for (Map.Entry<String, String> start : new TreeMap<>(startOffsets).entrySet()) {
      update(sha, start.getKey());
      update(sha, start.getValue());
      update(sha, endOffsets.get(start.getKey()));
    }
    byte[] digest = sha.digest();
    return HexFormat.of().formatHex(digest, 0, DIGEST_BYTES);
  }

  /** Adds a value with its length in front, so that no two sequences of values run together alike. */
  private static void update(MessageDigest sha, String value) {
    byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
    int length = value == null ? -1 : bytes.length;
    sha.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
    sha.update(bytes);
  }
}

package dev.sluice.connectors.nexmark;

import java.nio.charset.StandardCharsets;

/**
 * The generated text of the reference: short words of lower-case letters with an occasional
 * separator, and {@code extra} padding that brings an event to its average size.
 */
final class Texts {
  /** The reference's shortest random word. */
  static final int MIN_WORD_LENGTH = 3;

  /** One in this many characters of a word is the separator, as in the reference. */
  private static final int SEPARATOR_ODDS = 13;

  /**
   * Padding is cut from this block of random letters, as the reference does with its 1 MiB block,
   * so making it costs a copy rather than a draw per character.
   */
  private static final byte[] LETTERS = letters(1 << 20, 0x6E65786D61726BL);

  private Texts() {}

  /**
   * A word of {@code 3} to {@code maxLength - 1} characters, each a letter or, one in 13, {@code
   * separator}; a space at either end is trimmed, as in the reference.
   */
  static String word(EventRandom random, int maxLength, char separator) {
    int length = MIN_WORD_LENGTH + random.nextInt(maxLength - MIN_WORD_LENGTH);
    // Latin-1 bytes, trimmed by index: the string is made once, in its compact form.
    byte[] chars = new byte[length];
    for (int i = 0; i < length; i++) {
      chars[i] =
          random.nextInt(SEPARATOR_ODDS) == 0 ? (byte) separator : (byte) ('a' + random.nextInt(26));
    }
    int from = 0;
    int to = length;
    if (separator == ' ') {
      while (from < to && chars[from] == ' ') from++;
      while (to > from && chars[to - 1] == ' ') to--;
    }
    return new String(chars, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /**
   * Padding such that {@code currentSize} plus its length averages {@code averageSize}: a length
   * within 20% either side of the difference, nothing when the event is already that large.
   */
  static String extra(EventRandom random, int currentSize, int averageSize) {
    if (currentSize > averageSize) return "";
    int wanted = averageSize - currentSize;
    int delta = (int) Math.round(wanted * 0.2);
    int length = wanted - delta + (delta == 0 ? 0 : random.nextInt(2 * delta));
    return letters(random, length);
  }

  /** {@code length} random letters. */
  static String letters(EventRandom random, int length) {
    if (length < LETTERS.length / 2) {
      int offset = random.nextInt(LETTERS.length - length);
      return new String(LETTERS, offset, length, StandardCharsets.ISO_8859_1);
    }
    return new String(letters(length, random.nextLong()), StandardCharsets.ISO_8859_1);
  }

  private static byte[] letters(int length, long seed) {
    EventRandom random = new EventRandom().reset(seed, 0);
    byte[] letters = new byte[length];
    for (int i = 0; i < length; i++) letters[i] = (byte) ('a' + random.nextInt(26));
    return letters;
  }

  /** {@code value} as four digits, with leading zeros. */
  static void appendFourDigits(StringBuilder sb, int value) {
    if (value < 1000) sb.append('0');
    if (value < 100) sb.append('0');
    if (value < 10) sb.append('0');
    sb.append(value);
  }
}

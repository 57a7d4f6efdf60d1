package dev.sluice.connectors.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * UTF-8 text decoded line by line, remembering which lines were not valid UTF-8, so a source can
 * treat such a line as one malformed record instead of failing the rest of the file or, as an
 * {@link java.io.InputStreamReader} does, silently turning the bad bytes into U+FFFD. Bad bytes are
 * still replaced by U+FFFD in the text this reader returns; {@link #isValid} tells the lines apart.
 * Lines end at {@code \n}; the line terminators are passed through.
 */
public final class Utf8LineReader extends Reader {
  private final InputStream in;
  private final byte[] buffer = new byte[8192];
  private int position;
  private int limit;
  private boolean endOfInput;
  private byte[] line = new byte[256];
  private int lineLength;
  private final CharsetDecoder strict =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private CharBuffer chars = CharBuffer.allocate(0);
  private long lineNumber;
  private final TreeSet<Long> invalidLines = new TreeSet<>();

  public Utf8LineReader(InputStream in) {
    this.in = in;
  }

  /**
   * Whether lines {@code first} to {@code last} (counting from 1, both included) were valid UTF-8.
   * Lines before {@code first} are forgotten: ask in increasing order.
   */
  public boolean isValid(long first, long last) {
    invalidLines.headSet(first).clear();
    Long invalid = invalidLines.ceiling(first);
    return invalid == null || invalid > last;
  }

  @Override
  public int read(char[] target, int offset, int length) throws IOException {
    if (length == 0) return 0;
    while (!chars.hasRemaining()) {
      if (!nextLine()) return -1;
    }
    int n = Math.min(length, chars.remaining());
    chars.get(target, offset, n);
    return n;
  }

  private boolean nextLine() throws IOException {
    lineLength = 0;
    boolean ended = false;
    while (!ended) {
      if (position == limit) {
        if (endOfInput) break;
        limit = in.read(buffer);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          endOfInput = true;
          break;
        }
      }
      int start = position;
      while (position < limit && buffer[position] != '\n') position++;
      if (position < limit) {
        position++;
        ended = true;
      }
      append(start, position);
    }
    if (lineLength == 0) return false;
    lineNumber++;
    ByteBuffer bytes = ByteBuffer.wrap(line, 0, lineLength);
    try {
      chars = strict.reset().decode(bytes);
    } catch (CharacterCodingException e) {
      invalidLines.add(lineNumber);
      chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(line, 0, lineLength));
    }
    return true;
  }

  private void append(int from, int to) {
    int n = to - from;
    if (lineLength + n > line.length)
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
    System.arraycopy(buffer, from, line, lineLength, n);
    lineLength += n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

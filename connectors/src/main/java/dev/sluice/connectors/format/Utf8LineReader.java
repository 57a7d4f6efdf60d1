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
 * UTF-8 text decoded line by line, remembering which lines were not valid UTF-8 and where each line
 * starts, so a source can treat such a line as one malformed record instead of failing the rest of
 * the file or, as an {@link java.io.InputStreamReader} does, silently turning the bad bytes into
 * U+FFFD, and can resume a file at a line's byte position. Bad bytes are still replaced by U+FFFD
 * in the text this reader returns; {@link #isValid} tells the lines apart.
 *
 * <p>Lines end at {@code \n}, {@code \r\n} or a bare {@code \r}, exactly as {@link
 * java.io.BufferedReader#readLine()} splits them, so the line numbers a format counts over this
 * reader are the numbers this reader gives; the line terminators are passed through. A UTF-8
 * byte-order mark at the start of the input is left out, as Jackson and most CSV readers do.
 */
public final class Utf8LineReader extends Reader {
  private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final InputStream in;
  private final byte[] buffer = new byte[8192];
  private int position;
  private int limit;

  /** Where {@code buffer[0]} is in the whole input, in bytes. */
  private long bufferStart;

  private long bytesLeft;
  private boolean endOfInput;
  private boolean atStartOfInput;

  /** The last line ended at a {@code \r} at the end of a read: a {@code \n} may complete it. */
  private boolean lineFeedMayFollow;
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

  /** Where the lines not yet forgotten start: a ring from line {@link #firstStartLine} on. */
  private long[] lineStarts = new long[64];

  private int firstStartSlot;
  private int storedStarts;
  private long firstStartLine = 1;

  /** The whole of {@code in}, from its start. */
  public Utf8LineReader(InputStream in) {
    this(in, 0, Long.MAX_VALUE);
  }

  /**
   * At most {@code maxBytes} of {@code in}, which stands at byte {@code startPosition} of its input
   * (a byte-order mark is looked for only at position 0). Line 1 is the line at {@code
   * startPosition}.
   */
  public Utf8LineReader(InputStream in, long startPosition, long maxBytes) {
    this.in = in;
    this.bufferStart = startPosition;
    this.bytesLeft = maxBytes;
    this.atStartOfInput = startPosition == 0;
  }

  /**
   * Whether lines {@code first} to {@code last} (counting from 1, both included) were valid UTF-8.
   * Lines before {@code first} are forgotten, here and by {@link #lineStart}: ask in increasing
   * order.
   */
  public boolean isValid(long first, long last) {
    invalidLines.headSet(first).clear();
    forgetStartsBefore(first);
    Long invalid = invalidLines.ceiling(first);
    return invalid == null || invalid > last;
  }

  /**
   * The byte position in the input where line {@code lineNumber} (counting from 1) starts, after
   * the byte-order mark for line 1. The line must have been read; lines before it are forgotten:
   * ask in increasing order.
   */
  public long lineStart(long lineNumber) {
    if (lineNumber < firstStartLine || lineNumber >= firstStartLine + storedStarts) {
      throw new IllegalArgumentException(
          "Line " + lineNumber + " is not among the lines read and kept, " + firstStartLine + " to "
              + (firstStartLine + storedStarts - 1));
    }
    forgetStartsBefore(lineNumber);
    return lineStarts[firstStartSlot];
  }

  private void forgetStartsBefore(long lineNumber) {
    int forget = (int) Math.min(Math.max(0, lineNumber - firstStartLine), storedStarts);
    firstStartSlot = (firstStartSlot + forget) % lineStarts.length;
    storedStarts -= forget;
    firstStartLine += forget;
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
    if (atStartOfInput) skipByteOrderMark();
    if (lineFeedMayFollow) {
      lineFeedMayFollow = false;
      if ((position < limit || fill()) && buffer[position] == '\n') position++;
    }
    long start = bufferStart + position;
    lineLength = 0;
    boolean ended = false;
    while (!ended) {
      if (position == limit && !fill()) break;
      int from = position;
      while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') position++;
      if (position < limit) {
        boolean carriageReturn = buffer[position] == '\r';
        position++;
        append(from, position);
        if (carriageReturn) {
          if (position == limit) {
            // Not waiting for the next byte, which a socket may send much later: a \n that
            // starts the next read ends this line too (the reader above skips it as well).
            lineFeedMayFollow = true;
          } else if (buffer[position] == '\n') {
            append(position, position + 1);
            position++;
          }
        }
        ended = true;
      } else {
        append(from, position);
      }
    }
    if (lineLength == 0) return false;
    lineNumber++;
    rememberStart(start);
    ByteBuffer bytes = ByteBuffer.wrap(line, 0, lineLength);
    try {
      chars = strict.reset().decode(bytes);
    } catch (CharacterCodingException e) {
      invalidLines.add(lineNumber);
      chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(line, 0, lineLength));
    }
    return true;
  }

  private void skipByteOrderMark() throws IOException {
    atStartOfInput = false;
    // read only while the bytes could still be a mark: a socket's first line may be one byte
    while (limit < BYTE_ORDER_MARK.length && startsLikeByteOrderMark() && readMore()) {}
    if (limit >= BYTE_ORDER_MARK.length && startsLikeByteOrderMark()) {
      position = BYTE_ORDER_MARK.length;
    }
  }

  private boolean startsLikeByteOrderMark() {
    int n = Math.min(limit, BYTE_ORDER_MARK.length);
    return Arrays.equals(buffer, 0, n, BYTE_ORDER_MARK, 0, n);
  }

  /** Refills the emptied buffer; false at the end of the input. */
  private boolean fill() throws IOException {
    bufferStart += limit;
    position = 0;
    limit = 0;
    return readMore();
  }

  /** Reads more input after {@code limit}; false at the end of the input. */
  private boolean readMore() throws IOException {
    if (endOfInput || bytesLeft == 0) {
      endOfInput = true;
      return false;
    }
    int n = in.read(buffer, limit, (int) Math.min(buffer.length - limit, bytesLeft));
    if (n <= 0) {
      endOfInput = true;
      return false;
    }
    limit += n;
    bytesLeft -= n;
    return true;
  }

  private void rememberStart(long start) {
    if (storedStarts == lineStarts.length) {
      long[] grown = new long[lineStarts.length * 2];
      for (int i = 0; i < storedStarts; i++) {
        grown[i] = lineStarts[(firstStartSlot + i) % lineStarts.length];
      }
      lineStarts = grown;
      firstStartSlot = 0;
    }
    lineStarts[(firstStartSlot + storedStarts) % lineStarts.length] = start;
    storedStarts++;
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

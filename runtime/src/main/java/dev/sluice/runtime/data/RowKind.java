package dev.sluice.runtime.data;

/**
 * What a row in a changelog means for the table it describes. Kept as a byte inside batches so
 * a batch carries its kinds in one primitive array.
 */
public enum RowKind {
  /** A new row. */
  INSERT("+I"),
  /** The old value of a row that is about to change; always followed by its UPDATE_AFTER. */
  UPDATE_BEFORE("-U"),
  /** The new value of a changed row. */
  UPDATE_AFTER("+U"),
  /** A row that left the table. */
  DELETE("-D");

  private static final RowKind[] BY_CODE = values();
  private final String shortString;

  RowKind(String shortString) {
    this.shortString = shortString;
  }

  public byte code() {
    return (byte) ordinal();
  }

  public static RowKind ofCode(byte code) {
    return BY_CODE[code];
  }

  /** True for INSERT and UPDATE_AFTER: the row is part of the table afterwards. */
  public boolean isAccumulate() {
    return this == INSERT || this == UPDATE_AFTER;
  }

  /** The changelog notation users see: {@code +I}, {@code -U}, {@code +U}, {@code -D}. */
  public String shortString() {
    return shortString;
  }
}

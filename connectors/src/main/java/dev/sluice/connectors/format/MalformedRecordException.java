package dev.sluice.connectors.format;

/**
 * A record that does not decode into a row of its table: unparsable text, the wrong number of
 * fields, or a value that does not fit its column's type. Decoders throw it with the reason alone;
 * {@link MalformedRecords} under {@code 'on-error' = 'fail'} throws it again with the table, the
 * record's location and the record itself.
 */
public final class MalformedRecordException extends RuntimeException {
  private final String reason;

  public MalformedRecordException(String reason) {
    super(reason, null, false, false);
    this.reason = reason;
  }

  MalformedRecordException(String message, String reason, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Why the record does not decode, without the table or location. */
  public String reason() {
    return reason;
  }
}

package dev.sluice.connectors.format;

/** Receives the records a {@link RecordFormat} finds in a text, with where each one starts. */
@FunctionalInterface
public interface RecordConsumer {
  /**
   * @param lineNumber the line the record starts on, counting from 1
   * @param record the record's text; a CSV record can span lines when a quoted field holds a line
   *     break
   */
  void accept(long lineNumber, String record);
}

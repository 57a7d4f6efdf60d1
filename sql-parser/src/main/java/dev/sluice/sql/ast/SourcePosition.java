package dev.sluice.sql.ast;

/**
 * A place in the source text of a script: 1-based line and 1-based column, a tab counting as one
 * column.
 *
 * @param line the line, starting at 1
 * @param column the column within the line, starting at 1
 */
public record SourcePosition(int line, int column) {

  public SourcePosition {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException(
          "A source position is 1-based, got line " + line + ", column " + column);
    }
  }

  /**
   * Returns the script position of a position given relative to a text that starts here, such as
   * the position Calcite reports inside a query body. Only the first line of that text is offset by
   * this column; its later lines start at column 1 of the script as well. A position below 1, such
   * as Calcite's {@code SqlParserPos.ZERO} on a node it made up, is unknown and yields this
   * position, the start of the text.
   *
   * @param lineInText the 1-based line within the text
   * @param columnInText the 1-based column within that line of the text
   */
  public SourcePosition translate(int lineInText, int columnInText) {
    if (lineInText < 1 || columnInText < 1) {
      return this;
    }
    if (lineInText == 1) {
      return new SourcePosition(line, column + columnInText - 1);
    }
    return new SourcePosition(line + lineInText - 1, columnInText);
  }

  @Override
  public String toString() {
    return "line " + line + ", column " + column;
  }
}

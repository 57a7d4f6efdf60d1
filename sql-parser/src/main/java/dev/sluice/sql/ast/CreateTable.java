package dev.sluice.sql.ast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code CREATE TABLE [IF NOT EXISTS] name (columns, [WATERMARK ...], [PRIMARY KEY ...]) [COMMENT
 * '...'] [WITH ('key' = 'value', ...)]}: declares a source or sink table.
 *
 * @param name the table name; a dotted name ({@code db.t}) is kept whole, unquoted part by part
 * @param ifNotExists whether {@code IF NOT EXISTS} was given
 * @param columns the columns in declaration order
 * @param watermark the watermark declaration, or {@code null} when the table has none
 * @param primaryKey the primary key columns, empty when none was declared
 * @param options the {@code WITH} options in the order written; empty when there was no clause
 * @param comment the table comment, or {@code null}
 * @param position where the statement starts
 * @param text the statement's source text
 */
public record CreateTable(
    String name,
    boolean ifNotExists,
    List<ColumnDefinition> columns,
    WatermarkDefinition watermark,
    List<String> primaryKey,
    Map<String, String> options,
    String comment,
    SourcePosition position,
    String text)
    implements Statement {

  public CreateTable {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(text, "text");
  }

  /**
   * The statement without its option values or text, which may hold a password: only the option
   * keys show. (Which values are secrets is the runtime's {@code Secrets}, beyond this module.)
   */
  @Override
  public String toString() {
    return "CreateTable[name=" + name + ", ifNotExists=" + ifNotExists + ", columns=" + columns + ", watermark=" + watermark
        + ", primaryKey=" + primaryKey + ", options=" + options.keySet() + " (values hidden), position=" + position + "]";
  }
}

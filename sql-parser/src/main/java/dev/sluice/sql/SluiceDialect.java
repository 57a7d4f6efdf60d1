package dev.sluice.sql;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * How Calcite reads Sluice SQL, defined once for the statement parser here and for the planner:
 * identifiers are quoted with backticks ({@code `my column`}, a backtick doubled inside), keep the
 * case they were written in, and are matched case-insensitively; the conformance is Calcite's
 * default.
 *
 * <p>One departure from Calcite's stock parser: {@code DATETIME}, which Calcite 1.42 reserves for a
 * BigQuery type, is an ordinary identifier, because event data (Nexmark among it) names a column
 * {@code dateTime}. Sluice has no {@code DATETIME} type; {@code TIMESTAMP} is the type.
 */
public final class SluiceDialect {

  private static final SqlParser.Config PARSER_CONFIG =
      SqlParser.config()
          .withQuoting(Quoting.BACK_TICK)
          .withQuotedCasing(Casing.UNCHANGED)
          .withUnquotedCasing(Casing.UNCHANGED)
          .withCaseSensitive(false)
          .withConformance(SqlConformanceEnum.DEFAULT)
          .withParserFactory(KeywordDemotingParserFactory.INSTANCE);

  private SluiceDialect() {}

  /** The configuration for every Calcite {@link SqlParser} that reads Sluice SQL. */
  public static SqlParser.Config parserConfig() {
    return PARSER_CONFIG;
  }
}

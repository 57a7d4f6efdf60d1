package dev.sluice.sql;

import java.io.Reader;
import java.util.Set;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.sql.parser.impl.SimpleCharStream;
import org.apache.calcite.sql.parser.impl.SqlParserImpl;
import org.apache.calcite.sql.parser.impl.SqlParserImplConstants;
import org.apache.calcite.sql.parser.impl.SqlParserImplTokenManager;
import org.apache.calcite.sql.parser.impl.Token;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;
import org.apache.calcite.util.SourceStringReader;

/**
 * Calcite's stock parser, except that a few words it reserves are read as plain identifiers, and
 * {@code a % b} is {@code MOD(a, b)} under any conformance, as in Flink SQL (Calcite's default
 * conformance refuses it; the conformance must stay one of Calcite's enum values for its planner).
 *
 * <p>Which words are reserved is compiled into Calcite's generated parser; Flink changes it by
 * generating a parser of its own. That is a lot of build for one word, so instead the token stream
 * is filtered: a demoted keyword token is handed to the unchanged parser as an {@code IDENTIFIER}
 * with the same text and position. A demoted word thereby loses its keyword meaning everywhere, so
 * only words whose meaning Sluice does not support belong in {@link #DEMOTED}.
 *
 * <p>The parser also reads from a buffer that holds the whole text. Calcite's generated one starts
 * at 4,096 characters and grows by 2,048 whenever a token outgrows it, copying what it holds each
 * time: a 1 MB string literal cost 500 copies of up to 1 MB, and parse time grew with the square of
 * the literal's length.
 */
final class KeywordDemotingParserFactory implements SqlParserImplFactory {

  static final KeywordDemotingParserFactory INSTANCE = new KeywordDemotingParserFactory();

  /** Token kinds read as identifiers: {@code DATETIME}, a BigQuery type Sluice does not have. */
  private static final Set<Integer> DEMOTED = Set.of(SqlParserImplConstants.DATETIME);

  private KeywordDemotingParserFactory() {}

  /** The size of the buffer of Calcite's generated character stream, as it starts. */
  private static final int DEFAULT_BUFFER = 4096;

  @Override
  public SqlAbstractParserImpl getParser(Reader reader) {
    SqlParserImpl parser = new PercentRemainderParser(reader);
    SqlParserImplTokenManager tokens = parser.token_source;
    if (reader instanceof SourceStringReader source) {
      String sql = source.getSourceString();
      parser.setOriginalSql(sql);
      if (sql.length() >= DEFAULT_BUFFER) {
        // The parser's own stream stays unread: only its tab size is ever set, to the 1 set here.
        tokens = new SqlParserImplTokenManager(new WholeTextStream(reader, sql.length() + 1));
      }
    }
    parser.token_source = new DemotingTokenManager(tokens);
    return parser;
  }

  /** Calcite's character stream over a buffer that holds the whole text, tabs counting as one column. */
  private static final class WholeTextStream extends SimpleCharStream {
    WholeTextStream(Reader reader, int bufferSize) {
      super(reader, 1, 1, bufferSize);
      setTabSize(1);
    }
  }

  /** Calcite's parser under a conformance that also allows {@code %}. */
  private static final class PercentRemainderParser extends SqlParserImpl {
    PercentRemainderParser(Reader reader) {
      super(reader);
    }

    @Override
    public void setConformance(SqlConformance conformance) {
      super.setConformance(conformance.isPercentRemainderAllowed() ? conformance : new PercentRemainder(conformance));
    }
  }

  private static final class PercentRemainder extends SqlDelegatingConformance {
    PercentRemainder(SqlConformance delegate) {
      super(delegate);
    }

    @Override
    public boolean isPercentRemainderAllowed() {
      return true;
    }
  }

  /**
   * Forwards to Calcite's token manager and relabels demoted keywords. The parser only ever calls
   * {@code getNextToken}, {@code SwitchTo} and {@code ReInit} on its token manager.
   */
  private static final class DemotingTokenManager extends SqlParserImplTokenManager {

    private final SqlParserImplTokenManager delegate;

    DemotingTokenManager(SqlParserImplTokenManager delegate) {
      super(null);
      this.delegate = delegate;
    }

    @Override
    public Token getNextToken() {
      Token token = delegate.getNextToken();
      if (DEMOTED.contains(token.kind)) {
        token.kind = SqlParserImplConstants.IDENTIFIER;
      }
      return token;
    }

    @Override
    public void SwitchTo(int lexicalState) {
      delegate.SwitchTo(lexicalState);
    }

    @Override
    public void ReInit(org.apache.calcite.sql.parser.impl.SimpleCharStream stream) {
      delegate.ReInit(stream);
    }

    @Override
    public void ReInit(org.apache.calcite.sql.parser.impl.SimpleCharStream stream, int state) {
      delegate.ReInit(stream, state);
    }
  }
}

package dev.sluice.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.sql.ast.Query;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SluiceDialectTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT * FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND))",
        "SELECT * FROM TABLE(SESSION(TABLE t, DESCRIPTOR(ts), DESCRIPTOR(k), INTERVAL '30'"
            + " SECOND))",
        "SELECT * FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10'"
            + " SECOND))",
        "SELECT window_start, COUNT(*) AS cnt FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts),"
            + " INTERVAL '5' SECOND)) GROUP BY window_start, window_end",
        "SELECT w.word FROM lines CROSS JOIN UNNEST(SPLIT(lines.line, ' ')) AS w(word)",
        "SELECT k, COUNT(*) FILTER (WHERE x > 1) FROM t GROUP BY k",
        "SELECT * FROM (SELECT k, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts) AS rn FROM t)"
            + " WHERE rn = 1",
        "SELECT * FROM l JOIN r ON l.k = r.k AND l.ts BETWEEN r.ts - INTERVAL '10' SECOND AND"
            + " r.ts + INTERVAL '5' SECOND",
        "SELECT TUMBLE_START(ts, INTERVAL '5' SECOND), COUNT(*) FROM t GROUP BY TUMBLE(ts,"
            + " INTERVAL '5' SECOND)",
        "SELECT CAST(x AS TIMESTAMP(3)), ts - INTERVAL '4' SECOND FROM t",
        "SELECT B.auction, B.price FROM bid B WHERE B.auction = 1007",
        "SELECT person.dateTime, dateTime FROM datagen",
        "SELECT `select`, `a``b` FROM `my table`"
      })
  void streamingSqlParses(String sql) {
    Query query = assertInstanceOf(Query.class, StatementParser.parseStatement(sql));

    assertTrue(query.query().node().getKind().belongsTo(SqlKind.QUERY));
  }

  @Test
  void identifiersKeepTheirCase() throws SqlParseException {
    SqlNode node =
        SqlParser.create("SELECT myCol FROM `MyTable`", SluiceDialect.parserConfig()).parseQuery();

    SqlSelect select = assertInstanceOf(SqlSelect.class, node);
    assertEquals("myCol", ((SqlIdentifier) select.getSelectList().get(0)).getSimple());
    assertEquals("MyTable", ((SqlIdentifier) select.getFrom()).getSimple());
  }

  @Test
  void dateTimeIsAnOrdinaryIdentifier() {
    SqlNode node = StatementParser.parseExpression("bid.dateTime");

    assertEquals(
        java.util.List.of("bid", "dateTime"), assertInstanceOf(SqlIdentifier.class, node).names);
  }

  @Test
  void doubleQuotesAreNotIdentifierQuotesInsideSql() {
    assertThrows(
        SqlSyntaxException.class, () -> StatementParser.parseStatement("SELECT \"a\" FROM t"));
  }
}

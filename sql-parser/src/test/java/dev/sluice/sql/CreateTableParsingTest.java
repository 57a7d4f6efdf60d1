package dev.sluice.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.sql.ast.ColumnDefinition;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.CreateView;
import dev.sluice.sql.ast.RowFieldSpec;
import dev.sluice.sql.ast.SourcePosition;
import dev.sluice.sql.ast.Statement;
import dev.sluice.sql.ast.TypeSpec;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreateTableParsingTest {

  private static final String NEXMARK_SCRIPT =
      """
      CREATE TABLE datagen (
          event_type int,
          person ROW<id BIGINT, name VARCHAR, emailAddress VARCHAR, creditCard VARCHAR, city VARCHAR, state VARCHAR, dateTime TIMESTAMP(3), extra VARCHAR>,
          auction ROW<id BIGINT, itemName VARCHAR, description VARCHAR, initialBid BIGINT, reserve BIGINT, dateTime TIMESTAMP(3), expires TIMESTAMP(3), seller BIGINT, category BIGINT, extra VARCHAR>,
          bid ROW<auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR, dateTime TIMESTAMP(3), extra VARCHAR>,
          dateTime AS
              CASE
                  WHEN event_type = 0 THEN person.dateTime
                  WHEN event_type = 1 THEN auction.dateTime
                  ELSE bid.dateTime
              END,
          WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
      ) WITH (
          'connector' = 'nexmark',
          'first-event.rate' = '10000000',
          'next-event.rate' = '10000000',
          'events.num' = '100000000',
          'person.proportion' = '1',
          'auction.proportion' = '3',
          'bid.proportion' = '46'
      );
      CREATE VIEW person AS SELECT person.id, person.name, person.emailAddress, person.creditCard, person.city, person.state, dateTime, person.extra FROM datagen WHERE event_type = 0;
      """;

  @Test
  void scenarioTableHasColumnsWatermarkAndOptions() {
    CreateTable table =
        parse(
            "CREATE TABLE events (v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL"
                + " '10' SECOND) WITH ('connector' = 'memory')");

    assertEquals("events", table.name());
    assertFalse(table.ifNotExists());
    assertEquals(List.of("v", "ts"), table.columns().stream().map(ColumnDefinition::name).toList());
    assertEquals("BIGINT", table.columns().get(0).type().name());
    assertEquals("TIMESTAMP", table.columns().get(1).type().name());
    assertEquals(List.of(3), table.columns().get(1).type().parameters());
    assertEquals("ts", table.watermark().column());
    assertEquals("ts - INTERVAL '10' SECOND", table.watermark().expressionText());
    assertEquals(SqlKind.MINUS, table.watermark().expression().getKind());
    assertEquals(new SourcePosition(1, 49), table.watermark().position());
    assertEquals(Map.of("connector", "memory"), table.options());
    assertEquals(List.of(), table.primaryKey());
    assertNull(table.comment());
  }

  @Test
  void nexmarkTableHasNestedRowsAComputedColumnAndAWatermark() {
    List<Statement> statements = StatementParser.parseScript(NEXMARK_SCRIPT);

    assertEquals(2, statements.size());
    CreateTable datagen = assertInstanceOf(CreateTable.class, statements.get(0));
    assertEquals(
        List.of("event_type", "person", "auction", "bid", "dateTime"),
        datagen.columns().stream().map(ColumnDefinition::name).toList());
    assertEquals("INTEGER", datagen.columns().get(0).type().name());

    TypeSpec person = datagen.columns().get(1).type();
    assertEquals("ROW", person.name());
    assertEquals(
        List.of("id", "name", "emailAddress", "creditCard", "city", "state", "dateTime", "extra"),
        person.rowFields().stream().map(RowFieldSpec::name).toList());
    assertEquals("TIMESTAMP(3)", person.rowFields().get(6).type().toString());
    assertEquals(10, datagen.columns().get(2).type().rowFields().size());
    assertEquals(7, datagen.columns().get(3).type().rowFields().size());

    ColumnDefinition dateTime = datagen.columns().get(4);
    assertTrue(dateTime.isComputed());
    assertNull(dateTime.type());
    SqlCase whenEventType = assertInstanceOf(SqlCase.class, dateTime.computedExpression());
    assertEquals(2, whenEventType.getWhenOperands().size());
    assertEquals("bid.dateTime", whenEventType.getElseOperand().toString());
    assertEquals(new SourcePosition(6, 5), dateTime.position());

    assertEquals("dateTime", datagen.watermark().column());
    assertEquals("dateTime - INTERVAL '4' SECOND", datagen.watermark().expressionText());
    assertEquals(
        List.of(
            "connector",
            "first-event.rate",
            "next-event.rate",
            "events.num",
            "person.proportion",
            "auction.proportion",
            "bid.proportion"),
        List.copyOf(datagen.options().keySet()));
    assertEquals("46", datagen.options().get("bid.proportion"));

    CreateView view = assertInstanceOf(CreateView.class, statements.get(1));
    assertEquals("person", view.name());
    assertEquals(new SourcePosition(22, 1), view.position());
    assertEquals(new SourcePosition(22, 23), view.query().position());
    assertTrue(view.query().sql().startsWith("SELECT person.id, person.name"));
    assertTrue(view.query().sql().endsWith("WHERE event_type = 0"));
    assertEquals(SqlKind.SELECT, view.query().node().getKind());
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          BOOLEAN                                | BOOLEAN
          TINYINT                                | TINYINT
          SMALLINT                               | SMALLINT
          INT                                    | INTEGER
          integer                                | INTEGER
          BIGINT                                 | BIGINT
          FLOAT                                  | FLOAT
          REAL                                   | FLOAT
          DOUBLE                                 | DOUBLE
          DOUBLE PRECISION                       | DOUBLE
          DECIMAL                                | DECIMAL
          DECIMAL(10)                            | DECIMAL(10)
          DECIMAL(10, 2)                         | DECIMAL(10, 2)
          NUMERIC(5,1)                           | DECIMAL(5, 1)
          DEC                                    | DECIMAL
          CHAR                                   | CHAR
          CHAR(3)                                | CHAR(3)
          VARCHAR                                | VARCHAR
          VARCHAR(20)                            | VARCHAR(20)
          STRING                                 | VARCHAR
          BYTES                                  | BYTES
          DATE                                   | DATE
          TIME                                   | TIME
          TIME(3)                                | TIME(3)
          TIMESTAMP                              | TIMESTAMP
          TIMESTAMP(3)                           | TIMESTAMP(3)
          TIMESTAMP WITHOUT TIME ZONE            | TIMESTAMP
          TIMESTAMP(3) WITH LOCAL TIME ZONE      | TIMESTAMP(3) WITH LOCAL TIME ZONE
          TIMESTAMP_LTZ(6)                       | TIMESTAMP(6) WITH LOCAL TIME ZONE
          ARRAY<INT>                             | ARRAY<INTEGER>
          MAP<STRING, BIGINT>                    | MAP<VARCHAR, BIGINT>
          ARRAY<ARRAY<INT NOT NULL>>             | ARRAY<ARRAY<INTEGER NOT NULL>>
          ROW<a INT, b STRING>                   | ROW<a INTEGER, b VARCHAR>
          ROW(a INT, `b c` ROW<d DATE>)          | ROW<a INTEGER, `b c` ROW<d DATE>>
          BIGINT NOT NULL                        | BIGINT NOT NULL
          BIGINT NULL                            | BIGINT
          MAP<INT, ARRAY<ROW<x INT>>> NOT NULL   | MAP<INTEGER, ARRAY<ROW<x INTEGER>>> NOT NULL
          """)
  void typeSpellingsReadAsTheirCanonicalType(String declared, String canonical) {
    CreateTable table = parse("CREATE TABLE t (c " + declared + ")");

    assertEquals(canonical, table.columns().get(0).type().toString());
  }

  @Test
  void timestampWithLocalTimeZoneIsTimestampLtz() {
    TypeSpec type =
        parse("CREATE TABLE t (c TIMESTAMP(3) WITH LOCAL TIME ZONE)").columns().get(0).type();

    assertEquals("TIMESTAMP_LTZ", type.name());
    assertEquals(List.of(3), type.parameters());
  }

  @Test
  void stringIsVarcharWithoutLength() {
    TypeSpec type = parse("CREATE TABLE t (c STRING)").columns().get(0).type();

    assertEquals("VARCHAR", type.name());
    assertEquals(List.of(), type.parameters());
  }

  @Test
  void mapTypeHasKeyAndValueTypeArguments() {
    TypeSpec type = parse("CREATE TABLE t (c MAP<STRING, DECIMAL(10, 2)>)").columns().get(0).type();

    assertEquals("MAP", type.name());
    assertEquals(
        List.of("VARCHAR", "DECIMAL"), type.typeArguments().stream().map(TypeSpec::name).toList());
    assertEquals(List.of(10, 2), type.typeArguments().get(1).parameters());
  }

  @Test
  void typesKnowWhereTheyStartAndWhetherTheyAreNullable() {
    ColumnDefinition column = parse("CREATE TABLE t (\n  id  BIGINT NOT NULL)").columns().get(0);

    assertFalse(column.type().nullable());
    assertEquals(new SourcePosition(2, 7), column.type().position());
    assertEquals(new SourcePosition(2, 3), column.position());
  }

  @Test
  void metadataColumnsTakeTheirKeyFromFromOrFromTheirName() {
    CreateTable table =
        parse(
            "CREATE TABLE t (k STRING METADATA FROM 'kafka.key' VIRTUAL, `offset` BIGINT"
                + " METADATA, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp')");

    ColumnDefinition key = table.columns().get(0);
    assertTrue(key.isMetadata());
    assertEquals("kafka.key", key.metadataKey());
    assertTrue(key.virtual());
    ColumnDefinition offset = table.columns().get(1);
    assertEquals("offset", offset.name());
    assertEquals("offset", offset.metadataKey());
    assertFalse(offset.virtual());
    assertEquals("timestamp", table.columns().get(2).metadataKey());
    assertEquals("TIMESTAMP_LTZ", table.columns().get(2).type().name());
  }

  @Test
  void physicalColumnsAreNeitherComputedNorMetadata() {
    ColumnDefinition column = parse("CREATE TABLE t (a INT COMMENT 'it''s a')").columns().get(0);

    assertFalse(column.isComputed());
    assertFalse(column.isMetadata());
    assertEquals("it's a", column.comment());
  }

  @Test
  void computedColumnExpressionEndsAtCommaOutsideParentheses() {
    CreateTable table =
        parse("CREATE TABLE t (a INT, b AS COALESCE(a, 0) + 1, c AS CAST(a AS VARCHAR), d INT)");

    assertEquals(4, table.columns().size());
    SqlBasicCall b =
        assertInstanceOf(SqlBasicCall.class, table.columns().get(1).computedExpression());
    assertEquals(SqlKind.PLUS, b.getKind());
    assertEquals(SqlKind.CAST, table.columns().get(2).computedExpression().getKind());
    assertEquals("d", table.columns().get(3).name());
  }

  @Test
  void primaryKeyCommentAndIfNotExistsAreKept() {
    CreateTable table =
        parse(
            "create table if not exists db.`my table` (id BIGINT, name STRING, PRIMARY KEY (id,"
                + " `name`) NOT ENFORCED) COMMENT 'people' WITH ('connector' = 'memory')");

    assertEquals("db.my table", table.name());
    assertTrue(table.ifNotExists());
    assertEquals(List.of("id", "name"), table.primaryKey());
    assertEquals("people", table.comment());
  }

  @Test
  void withClauseIsOptionalAndOptionsKeepTheirOrder() {
    assertEquals(Map.of(), parse("CREATE TABLE t (a INT)").options());

    CreateTable table = parse("CREATE TABLE t (a INT) WITH ('z' = '1', 'a' = 'it''s', 'm' = '')");
    assertEquals(List.of("z", "a", "m"), List.copyOf(table.options().keySet()));
    assertEquals("it's", table.options().get("a"));
    assertEquals("", table.options().get("m"));
    assertThrows(UnsupportedOperationException.class, () -> table.options().put("x", "y"));
  }

  @Test
  void grammarKeywordsCanStillNameColumns() {
    CreateTable table =
        parse(
            "CREATE TABLE t (key STRING, `value` STRING, comment STRING, time TIME, metadata"
                + " INT, watermark INT, query INT, \"quoted\"\"name\" INT)");

    assertEquals(
        List.of(
            "key", "value", "comment", "time", "metadata", "watermark", "query", "quoted\"name"),
        table.columns().stream().map(ColumnDefinition::name).toList());
  }

  @Test
  void temporaryTablesAreAccepted() {
    assertEquals("t", parse("CREATE TEMPORARY TABLE t (a INT)").name());
  }

  private static CreateTable parse(String sql) {
    return assertInstanceOf(CreateTable.class, StatementParser.parseStatement(sql));
  }
}

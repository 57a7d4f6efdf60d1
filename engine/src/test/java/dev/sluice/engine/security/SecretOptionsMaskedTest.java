package dev.sluice.engine.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.SluiceException;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.sql.StatementParser;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A table's secret options ('password', keys ending in 'password' or 'secret', Kafka's
 * 'properties.sasl.jaas.config') never show in messages or {@code toString()}.
 */
class SecretOptionsMaskedTest {
  private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"jaas-pw\";";
  private static final String DDL = "CREATE TABLE out_rows (id BIGINT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://db/shop', "
      + "'table-name' = 'out_rows', 'username' = 'app', 'password' = 'hunter2')";

  private SluiceEngine engine;

  @BeforeEach
  void openEngine() {
    engine = SluiceEngine.open();
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private static void assertNoSecret(String text) {
    assertFalse(text.contains("hunter2") || text.contains("jaas-pw") || text.contains("s3cr3t"), "a secret shows in: " + text);
  }

  private static void assertMasked(String text) {
    assertNoSecret(text);
    assertTrue(text.contains("******"), "the secret is shown masked: " + text);
  }

  @Test
  void aTableDefinitionsToStringMasksItsPassword() {
    engine.execute(DDL);
    assertMasked(engine.tables().get(0).toString());
  }

  @Test
  void aPasswordInATablesUrlIsMaskedInItsDefinitionAndInAnErrorShowingItsLine() {
    String ddl = "CREATE TABLE u (id BIGINT) WITH ('url' = 'jdbc:postgresql://db/shop?user=app&password=hunter2', 'connector' = 'jdbc', "
        + "'table-name' = 'u')";
    engine.execute(ddl);
    assertMasked(engine.tables().get(0).toString());
    SluiceException e = assertThrows(SluiceException.class, () -> engine.execute(ddl.replace("'connector'", "'bogus' = 'x', 'connector'")));
    assertMasked(e.formatted());
  }

  @Test
  void aParsedCreateTableStatementsToStringShowsNoOptionValue() {
    assertNoSecret(StatementParser.parseScript(DDL).get(0).toString());
  }

  @Test
  void anErrorShowingTheStatementLineMasksThePasswordOnIt() {
    // The password comes first: an error shows the 100 characters of its line around its column.
    String ddl = "CREATE TABLE t (id BIGINT) WITH ('password' = 'hunter2', 'bogus' = 'x', 'connector' = 'jdbc', "
        + "'url' = 'jdbc:postgresql://db/shop', 'table-name' = 't', 'username' = 'app')";
    SluiceException e = assertThrows(SluiceException.class, () -> engine.execute(ddl));
    assertTrue(e.getMessage().contains("bogus"), e.getMessage());
    assertMasked(e.formatted());
  }

  @Test
  void connectorOptionsMaskEverySecretKindInToStringAndMessages() {
    ConnectorOptions options = new ConnectorOptions("events", Map.of("properties.sasl.jaas.config", JAAS, "api.secret", "s3cr3t",
        "ssl.key.password", "hunter2"));
    assertMasked(options.toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> options.getLong("ssl.key.password", 0));
    assertMasked(e.getMessage());
  }
}

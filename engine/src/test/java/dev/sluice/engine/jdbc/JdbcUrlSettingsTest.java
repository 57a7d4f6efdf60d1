package dev.sluice.engine.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Settings in a URL, after ';' or '?', are applied or refused; they are never part of the engine's name. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcUrlSettingsTest {

  private static Map<String, String> settings(Connection connection) throws SQLException {
    Map<String, String> settings = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SET")) {
      while (rows.next()) settings.put(rows.getString("key"), rows.getString("value"));
    }
    return settings;
  }

  @Test
  void settingsAfterASemicolonApplyAndTheEngineKeepsItsName() throws SQLException {
    try (Connection withSettings = DriverManager.getConnection("jdbc:sluice:mem:url-semicolon;output.mode=update;trigger=once");
        Connection plain = DriverManager.getConnection("jdbc:sluice:mem:url-semicolon")) {
      assertEquals(Map.of("output.mode", "update", "trigger", "once"), settings(withSettings));
      assertEquals(settings(withSettings), settings(plain), "both connections reach the engine named 'url-semicolon'");
    }
  }

  @Test
  void settingsInAQueryStringApplyPercentDecoded() throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sluice:mem:url-query?trigger=10%20seconds&output.mode=append");
        Connection own = DriverManager.getConnection("jdbc:sluice:?trigger=once")) {
      assertEquals(Map.of("output.mode", "append", "trigger", "10 seconds"), settings(connection));
      assertEquals(Map.of("trigger", "once"), settings(own));
    }
  }

  @Test
  void theUrlsSettingsWinOverTheProperties() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("trigger", "once");
    properties.setProperty("output.mode", "update");
    try (Connection connection = DriverManager.getConnection("jdbc:sluice:;trigger=available-now", properties)) {
      assertEquals(Map.of("output.mode", "update", "trigger", "available-now"), settings(connection));
    }
  }

  @Test
  void anUnknownKeyOrABadValueOrAPairWithoutEqualsIsRefused() throws SQLException {
    SQLException unknown = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:sluice:mem:url-bad;output.modes=update"));
    assertTrue(unknown.getMessage().contains("'output.modes'") && unknown.getMessage().contains("output.mode,"), unknown.getMessage());
    SQLException bad = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:sluice:mem:url-bad?trigger=sometimes"));
    assertTrue(bad.getMessage().contains("trigger"), bad.getMessage());
    SQLException malformed = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:sluice:mem:url-bad;trigger"));
    assertEquals("08001", malformed.getSQLState());
    assertTrue(malformed.getMessage().contains("'trigger' is not key=value"), malformed.getMessage());
    try (Connection after = DriverManager.getConnection("jdbc:sluice:mem:url-bad")) {
      assertEquals(Map.of(), settings(after), "a refused connection leaves no settings on the engine");
    }
  }

  @Test
  void aPasswordInTheUrlIsIgnoredAndNeverShown() throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sluice:mem:url-secret?user=ann&password=hunter2")) {
      String url = connection.getMetaData().getURL();
      assertFalse(url.contains("hunter2"), url);
      assertEquals("jdbc:sluice:mem:url-secret?user=ann&password=******", url);
    }
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:sluice:nowhere?password=hunter2"));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    SQLException unknown = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:sluice:;pasword=hunter2"));
    assertFalse(unknown.getMessage().contains("hunter2"), unknown.getMessage());
  }

  @Test
  void aValueThatIsNotPercentEncodedIsRefusedByItsKeyWithoutShowingIt() {
    // The value alone does not look like a password to the masking, nor does the decoder's message.
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:sluice:mem:x?password=hun%ZZter2"));
    assertFalse(e.getMessage().contains("hun") || e.getMessage().contains("ter2"), e.getMessage());
    assertTrue(e.getMessage().contains("the value of 'password' is not percent-encoded") && e.getMessage().contains("%25"),
        e.getMessage());
  }
}

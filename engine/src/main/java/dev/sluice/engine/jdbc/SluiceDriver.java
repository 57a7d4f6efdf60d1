package dev.sluice.engine.jdbc;

import dev.sluice.engine.Settings;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.SecretUrls;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDBC driver of an embedded Sluice engine, found by {@link DriverManager} through {@code
 * META-INF/services/java.sql.Driver}. URLs:
 *
 * <ul>
 *   <li>{@code jdbc:sluice:} a new engine for this connection alone, closed with it;
 *   <li>{@code jdbc:sluice:mem:<name>} the engine named {@code name}, shared by every connection
 *       to that name in this JVM and closed when the last of them closes.
 * </ul>
 *
 * Either may be followed by settings, {@code ;key=value;...} or {@code ?key=value&...} (see {@link
 * SluiceUrl}). Settings, there and as connection properties, have the keys of SQL {@code SET}
 * ({@code output.mode}, {@code trigger}, {@code checkpoint.location}, ...) and are set on the
 * engine as the connection opens, the URL's last; {@code user} and {@code password} are accepted
 * and ignored, since an embedded engine has no users. An unknown key is refused.
 */
public final class SluiceDriver implements Driver {
  /** What every Sluice URL starts with. */
  public static final String URL_PREFIX = "jdbc:sluice:";
  private static final List<String> IGNORED_PROPERTIES = List.of("user", "password");
  private static final String VERSION = readVersion();

  static {
    try {
      DriverManager.registerDriver(new SluiceDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(URL_PREFIX);
  }

  /** A guarded connection ({@link GuardedJdbc}): its methods, and those of what they return, throw only SQLException. */
  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) return null;
    try {
      return GuardedJdbc.guard(openConnection(url, info));
    } catch (RuntimeException | Error e) {
      throw new SQLException("Sluice could not open a connection to '" + SecretUrls.mask(url) + "': " + e, JdbcErrors.GENERAL, e);
    }
  }

  private static Connection openConnection(String url, Properties info) throws SQLException {
    SluiceUrl parsed = SluiceUrl.parse(url);
    String name = parsed.sharedName();
    SluiceEngine engine = name == null ? SluiceEngine.open() : SharedEngines.acquire(name);
    Runnable release = name == null ? engine::close : () -> SharedEngines.release(name);
    try {
      // The URL's settings win over the properties', as PostgreSQL's driver has it.
      applySettings(engine, "connection property", info == null ? Map.of() : asMap(info));
      applySettings(engine, "URL setting", parsed.settings());
    } catch (SQLException e) {
      release.run();
      throw e;
    }
    // The connection shows its URL (getMetaData().getURL()); Sluice ignores a password in it anyway.
    return new SluiceConnection(SecretUrls.mask(url), engine, release);
  }

  private static Map<String, String> asMap(Properties info) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String key : info.stringPropertyNames()) settings.put(key, info.getProperty(key));
    return settings;
  }

  private static void applySettings(SluiceEngine engine, String what, Map<String, String> settings) throws SQLException {
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      String key = setting.getKey();
      if (IGNORED_PROPERTIES.contains(key)) continue;
      if (!Settings.keys().contains(key)) {
        throw new SQLException("Unknown " + what + " '" + key + "'. Sluice takes its settings, with the keys of SQL SET, as connection "
            + "properties or in the URL (jdbc:sluice:mem:<name>;key=value or ?key=value): " + String.join(", ", Settings.keys())
            + " (and ignores user and password)", "HY024");
      }
      try {
        engine.settings().set(key, setting.getValue());
      } catch (IllegalArgumentException e) {
        throw new SQLException(Character.toUpperCase(what.charAt(0)) + what.substring(1) + " '" + key + "': " + e.getMessage(), "HY024", e);
      }
    }
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    List<DriverPropertyInfo> properties = new ArrayList<>();
    for (Map.Entry<String, String> setting : Settings.descriptions().entrySet()) {
      DriverPropertyInfo property = new DriverPropertyInfo(setting.getKey(), info == null ? null : info.getProperty(setting.getKey()));
      property.description = setting.getValue();
      if (setting.getKey().equals(Settings.OUTPUT_MODE)) {
        property.choices = Arrays.stream(OutputMode.values()).map(OutputMode::sqlName).toArray(String[]::new);
      }
      properties.add(property);
    }
    return properties.toArray(new DriverPropertyInfo[0]);
  }

  @Override
  public int getMajorVersion() {
    return versionPart(1);
  }

  @Override
  public int getMinorVersion() {
    return versionPart(2);
  }

  static String version() {
    return VERSION;
  }

  static int versionPart(int group) {
    Matcher m = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(VERSION);
    return m.find() ? Integer.parseInt(m.group(group)) : 0;
  }

  /** Not SQL-92 Entry Level: there are no transactions, updates or deletes of rows. */
  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw JdbcErrors.notSupported("java.util.logging: Sluice logs through SLF4J");
  }

  /** The engine artifact's version, from the jar Maven built; "development" when run from classes. */
  private static String readVersion() {
    try (InputStream in = SluiceDriver.class.getResourceAsStream("/META-INF/maven/dev.sluice/sluice-engine/pom.properties")) {
      if (in != null) {
        Properties pom = new Properties();
        pom.load(in);
        if (pom.getProperty("version") != null) return pom.getProperty("version");
      }
    } catch (IOException e) {
      // fall back below
    }
    String implementation = SluiceDriver.class.getPackage().getImplementationVersion();
    return implementation != null ? implementation : "development";
  }
}

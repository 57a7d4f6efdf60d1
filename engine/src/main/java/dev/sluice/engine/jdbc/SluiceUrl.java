package dev.sluice.engine.jdbc;

import dev.sluice.runtime.spi.SecretUrls;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Sluice JDBC URL taken apart: {@code jdbc:sluice:[mem:<name>]}, then settings either as H2
 * writes them, {@code ;key=value;key=value}, taken as written, or as a query string, {@code
 * ?key=value&key=value}, percent-decoded ({@code trigger=10%20seconds}). The keys are those of SQL
 * {@code SET}; {@code user} and {@code password} are accepted and ignored, as in connection
 * properties.
 *
 * @param sharedName the name of the shared engine of a {@code mem:} URL; null for an engine of the
 *     connection alone
 * @param settings the settings the URL gives, in the order it gives them
 */
record SluiceUrl(String sharedName, Map<String, String> settings) {
  private static final String SHARED_PREFIX = "mem:";

  /**
   * Takes {@code url}, which starts with {@link SluiceDriver#URL_PREFIX}, apart.
   *
   * @throws SQLException (SQLState 08001) when it is not of the form above
   */
  static SluiceUrl parse(String url) throws SQLException {
    String rest = url.substring(SluiceDriver.URL_PREFIX.length());
    int settingsStart = indexOfAny(rest, ";?");
    String engine = settingsStart < 0 ? rest : rest.substring(0, settingsStart);
    String sharedName = null;
    if (engine.startsWith(SHARED_PREFIX) && engine.length() > SHARED_PREFIX.length()) {
      sharedName = engine.substring(SHARED_PREFIX.length());
    } else if (!engine.isEmpty()) {
      throw notSluice(url, "it names no engine Sluice knows");
    }
    Map<String, String> settings = new LinkedHashMap<>();
    if (settingsStart >= 0) {
      boolean queryString = rest.charAt(settingsStart) == '?';
      for (String pair : rest.substring(settingsStart + 1).split(queryString ? "&" : ";")) {
        if (pair.isBlank()) continue;
        int equals = pair.indexOf('=');
        if (equals <= 0) throw notSluice(url, "'" + SecretUrls.mask(pair) + "' is not key=value");
        String key = pair.substring(0, equals).trim();
        String value = pair.substring(equals + 1);
        if (queryString) {
          key = decode(url, key, "'" + key + "'");
          // Not the value itself: it may be a password, which the masking knows only by its key.
          value = decode(url, value, "the value of '" + key + "'");
        }
        settings.put(key, value);
      }
    }
    return new SluiceUrl(sharedName, settings);
  }

  /** {@code what} names the text in the message; the decoder's own message would quote it. */
  private static String decode(String url, String text, String what) throws SQLException {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw notSluice(url, what + " is not percent-encoded (a % must start two hex digits; write a % itself as %25)");
    }
  }

  private static int indexOfAny(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) return i;
    }
    return -1;
  }

  private static SQLException notSluice(String url, String why) {
    return new SQLException("'" + SecretUrls.mask(url) + "' is not a Sluice URL: " + why + ". Use " + SluiceDriver.URL_PREFIX
        + " for an engine of this connection alone, or " + SluiceDriver.URL_PREFIX + SHARED_PREFIX
        + "<name> for one shared by name within this JVM, followed by settings as ;key=value or ?key=value&key=value", "08001");
  }
}

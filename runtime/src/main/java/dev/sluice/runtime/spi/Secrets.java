package dev.sluice.runtime.spi;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which table options hold secrets, and their values masked for what people read: messages,
 * {@code toString()}, statement text echoed in an error, DESCRIBE-like output. A secret is the
 * value of {@code 'password'}, of any key ending in {@code password} or {@code secret}, and of
 * {@code 'properties.sasl.jaas.config'} (Kafka's login module line, which carries a password), as
 * Flink hides its sensitive options; and any other value's URL passwords ({@link SecretUrls}), such
 * as a JDBC {@code 'url'} with {@code ?password=...}.
 */
public final class Secrets {
  /** What a secret value shows as. */
  public static final String MASK = "******";

  /** {@code 'key' = 'value'} in SQL text, the value with its doubled quotes. */
  private static final Pattern OPTION = Pattern.compile("'((?:[^']|'')*)'(\\s*=\\s*)'((?:[^']|'')*)'");

  private Secrets() {}

  /** Whether the value of option {@code key} is a secret. */
  public static boolean isSecret(String key) {
    if (key == null) return false;
    String k = key.trim().toLowerCase(Locale.ROOT);
    return k.endsWith("password") || k.endsWith("secret") || k.endsWith("sasl.jaas.config");
  }

  /** {@code value}, or {@link #MASK} when option {@code key} holds a secret; URL passwords in it masked. */
  public static String maskValue(String key, String value) {
    return value != null && isSecret(key) ? MASK : SecretUrls.mask(value);
  }

  /** A copy of {@code options}, in their order, with every secret value masked. */
  public static Map<String, String> maskOptions(Map<String, String> options) {
    Map<String, String> masked = new LinkedHashMap<>();
    options.forEach((key, value) -> masked.put(key, maskValue(key, value)));
    return masked;
  }

  /**
   * {@code sql} with the value of every secret option written in it ({@code 'password' = '...'}, as
   * in a {@code CREATE TABLE}'s {@code WITH} clause) masked; null stays null.
   */
  public static String maskSql(String sql) {
    if (sql == null || sql.indexOf('\'') < 0) return SecretUrls.mask(sql);
    Matcher m = OPTION.matcher(sql);
    StringBuilder out = new StringBuilder(sql.length());
    while (m.find()) {
      String key = m.group(1).replace("''", "'");
      String replacement = isSecret(key) ? "'" + m.group(1) + "'" + m.group(2) + "'" + MASK + "'" : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return SecretUrls.mask(out.toString());
  }
}

package dev.sluice.runtime.spi;

import java.util.regex.Pattern;

/**
 * Masks the passwords that URLs carry, wherever text shows a URL: an error message (a JDBC
 * driver's "No suitable driver found for jdbc:...?password=..."), a log line, a {@code
 * toString()}, the SQL text of a table whose {@code 'url'} option holds one. A password is the
 * value of a URL parameter whose key is {@code password} or {@code pwd}, or ends in {@code
 * password} or {@code secret} ({@code ?user=u&password=p}, {@code ;password=p}), whatever its
 * case, and the password of a URL's user information ({@code //user:password@host}).
 */
public final class SecretUrls {
  /** What a masked password shows as. */
  public static final String MASK = Secrets.MASK;

  /**
   * A parameter after {@code ?}, {@code &} or {@code ;} with a secret key; its value runs to the
   * next separator, quote or white space, so that a URL inside SQL text or a message ends there.
   */
  private static final Pattern SECRET_PARAMETER =
      Pattern.compile("(?i)([?&;]\\s*(?:[^=&;?'\"\\s]*(?:password|secret)|pwd)\\s*=)[^&;'\"\\s]*");

  /** {@code scheme://user:password@host}: the password, up to the {@code @} before the host. */
  private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/:@?&;'\"\\s]*:)[^/@'\"\\s]*(@)");

  private SecretUrls() {}

  /** {@code text} with every URL password in it masked; null stays null. */
  public static String mask(String text) {
    if (text == null) return null;
    String masked = SECRET_PARAMETER.matcher(text).replaceAll("$1" + MASK);
    return USER_INFO_PASSWORD.matcher(masked).replaceAll("$1" + MASK + "$2");
  }
}

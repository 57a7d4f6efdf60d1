package dev.sluice.runtime.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SecretUrlsTest {

  @Test
  void aPasswordInAQueryStringIsMaskedAndTheRestKept() {
    assertEquals("jdbc:postgresql://h/db?password=******", SecretUrls.mask("jdbc:postgresql://h/db?password=x"));
    assertEquals("jdbc:postgresql://h/db?user=ann&password=******&ssl=true",
        SecretUrls.mask("jdbc:postgresql://h/db?user=ann&password=s3cr%26t&ssl=true"));
    assertEquals("jdbc:sqlserver://h;user=ann;Password=******;db=x", SecretUrls.mask("jdbc:sqlserver://h;user=ann;Password=p;db=x"));
    assertEquals("jdbc:x://h?pwd=******&clientSecret=******&keyStorePassword=******",
        SecretUrls.mask("jdbc:x://h?pwd=a&clientSecret=b&keyStorePassword=c"));
  }

  @Test
  void thePasswordOfAUrlsUserInformationIsMasked() {
    assertEquals("jdbc:postgresql://ann:******@h:5432/db", SecretUrls.mask("jdbc:postgresql://ann:hunter2@h:5432/db"));
    assertEquals("jdbc:postgresql://h:5432/db", SecretUrls.mask("jdbc:postgresql://h:5432/db"), "a port is no password");
  }

  @Test
  void urlsInsideMessagesAndSqlTextAreMaskedUpToTheirEnd() {
    assertEquals("No suitable driver found for jdbc:nope://h/db?user=u&password=****** (check the class path)",
        SecretUrls.mask("No suitable driver found for jdbc:nope://h/db?user=u&password=p (check the class path)"));
    assertEquals("WITH ('url' = 'jdbc:postgresql://h/db?password=******', 'table-name' = 't')",
        SecretUrls.mask("WITH ('url' = 'jdbc:postgresql://h/db?password=x', 'table-name' = 't')"));
  }

  @Test
  void textWithoutSecretsIsUnchanged() {
    assertEquals("jdbc:sluice:mem:x;trigger=once", SecretUrls.mask("jdbc:sluice:mem:x;trigger=once"));
    assertEquals("a password-free message", SecretUrls.mask("a password-free message"));
    assertNull(SecretUrls.mask(null));
  }
}

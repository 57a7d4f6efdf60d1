package dev.sluice.runtime.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code WITH ('k' = 'v', ...)} options of a table, as a connector reads them. Lookups are
 * exact; {@link #validate} refuses unknown and missing keys with the valid ones listed. Messages
 * and {@link #toString()} never show a secret's value ({@link Secrets}).
 */
public final class ConnectorOptions {
  private final String tableName;
  private final Map<String, String> options;

  public ConnectorOptions(String tableName, Map<String, String> options) {
    this.tableName = tableName;
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  public String tableName() {
    return tableName;
  }

  public Map<String, String> asMap() {
    return options;
  }

  public boolean has(String key) {
    return options.containsKey(key);
  }

  public String get(String key) {
    return options.get(key);
  }

  public String get(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }

  public String require(String key) {
    String value = options.get(key);
    if (value == null) {
      throw new IllegalArgumentException("Table '" + tableName + "' needs the option '" + key + "'");
    }
    return value;
  }

  public long getLong(String key, long fallback) {
    String value = options.get(key);
    if (value == null) return fallback;
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Option '" + key + "' of table '" + tableName + "' must be a whole number, not '" + Secrets.maskValue(key, value) + "'");
    }
  }

  public double getDouble(String key, double fallback) {
    String value = options.get(key);
    if (value == null) return fallback;
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Option '" + key + "' of table '" + tableName + "' must be a number, not '" + Secrets.maskValue(key, value) + "'");
    }
  }

  public boolean getBoolean(String key, boolean fallback) {
    String value = options.get(key);
    if (value == null) return fallback;
    if (value.equalsIgnoreCase("true")) return true;
    if (value.equalsIgnoreCase("false")) return false;
    throw new IllegalArgumentException(
        "Option '" + key + "' of table '" + tableName + "' must be 'true' or 'false', not '" + Secrets.maskValue(key, value) + "'");
  }

  /** The table and its options, secrets masked ({@link Secrets}). */
  @Override
  public String toString() {
    return "ConnectorOptions[table=" + tableName + ", options=" + Secrets.maskOptions(options) + "]";
  }

  /**
   * Refuses options the connector does not know and required ones that are missing.
   *
   * @param prefixes option families such as {@code fields.} whose keys the connector checks itself
   */
  public void validate(String connector, Set<String> required, Set<String> optional, Set<String> prefixes) {
    Set<String> valid = new TreeSet<>(required);
    valid.addAll(optional);
    valid.add("connector");
    for (String key : options.keySet()) {
      if (valid.contains(key) || prefixes.stream().anyMatch(key::startsWith)) continue;
      Set<String> listed = new TreeSet<>(valid);
      prefixes.forEach(p -> listed.add(p + "*"));
      throw new IllegalArgumentException(
          "Unknown option '" + key + "' for connector '" + connector + "' in table '" + tableName
              + "'. Valid options: " + String.join(", ", listed));
    }
    for (String key : required) {
      if (!options.containsKey(key)) {
        throw new IllegalArgumentException(
            "Connector '" + connector + "' of table '" + tableName + "' needs the option '" + key + "'");
      }
    }
  }
}

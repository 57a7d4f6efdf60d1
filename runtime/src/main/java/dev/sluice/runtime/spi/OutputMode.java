package dev.sluice.runtime.spi;

import java.util.Locale;

/** What a sink receives after each trigger; see SEMANTICS.md "Output modes". */
public enum OutputMode {
  /** Only result rows that are final and will never change. */
  APPEND,
  /** The changes to the result table since the last trigger: upserts and deletes by result key. */
  UPDATE,
  /** The whole result table. */
  COMPLETE;

  public static OutputMode parse(String text) {
    for (OutputMode mode : values()) {
      if (mode.name().equalsIgnoreCase(text.trim())) return mode;
    }
    throw new IllegalArgumentException(
        "Unknown output mode '" + text + "': valid modes are 'append', 'update' and 'complete'");
  }

  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

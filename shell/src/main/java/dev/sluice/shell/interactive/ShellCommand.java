package dev.sluice.shell.interactive;

import java.util.Locale;

/** Words the prompt understands itself rather than sending to the engine, with or without {@code ;}. */
enum ShellCommand {
  QUIT,
  HELP,
  CLEAR;

  /** The command {@code input} is, or null when it is a statement. */
  static ShellCommand of(String input) {
    String word = input.strip();
    if (word.endsWith(";")) word = word.substring(0, word.length() - 1).strip();
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "quit", "exit", "\\q" -> QUIT;
      case "help", "\\h", "?" -> HELP;
      case "clear" -> CLEAR;
      default -> null;
    };
  }

  static boolean isCommand(String input) {
    return of(input) != null;
  }
}

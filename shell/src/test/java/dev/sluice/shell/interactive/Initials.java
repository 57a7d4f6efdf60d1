package dev.sluice.shell.interactive;

/** A user-defined function for the completion tests: the first letter of each word. */
public class Initials {
  public String eval(String text) {
    StringBuilder initials = new StringBuilder();
    for (String word : text.split("\\s+")) if (!word.isEmpty()) initials.append(word.charAt(0));
    return initials.toString();
  }
}

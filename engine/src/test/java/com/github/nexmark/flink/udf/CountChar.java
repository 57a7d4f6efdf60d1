package com.github.nexmark.flink.udf;

/**
 * The Nexmark suite's user-defined function for q14, with its class name, written for Sluice: the
 * number of times the first character of {@code character} occurs in {@code text}, 0 for a null
 * text. The suite's own class extends Flink's {@code ScalarFunction}; Sluice needs only the public
 * {@code eval} method.
 */
public class CountChar {

  public long eval(String text, String character) {
    if (text == null) return 0;
    char wanted = character.charAt(0);
    long count = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == wanted) count++;
    }
    return count;
  }
}

package com.github.nexmark.flink.udf;

/**
 * The user-defined function Nexmark q14 declares with {@code CREATE FUNCTION count_char AS
 * 'com.github.nexmark.flink.udf.CountChar'}: how often a character occurs in a string. The suite
 * ships it as a Flink {@code ScalarFunction}; Sluice calls any public {@code eval} method, so this
 * class has the suite's name and behaviour without Flink.
 */
public class CountChar {
  public long eval(String s, String c) {
    if (s == null || c == null || c.isEmpty()) return 0;
    char wanted = c.charAt(0);
    long count = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == wanted) count++;
    }
    return count;
  }
}

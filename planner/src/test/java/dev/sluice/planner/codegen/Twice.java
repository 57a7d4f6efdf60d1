package dev.sluice.planner.codegen;

import java.util.concurrent.atomic.AtomicInteger;

/** A user-defined function for planner tests: twice a number, or a text written twice; counts its instances. */
public class Twice {
  static final AtomicInteger INSTANCES = new AtomicInteger();

  public Twice() {
    INSTANCES.incrementAndGet();
  }

  public long eval(long value) {
    return 2 * value;
  }

  public String eval(String text) {
    return text == null ? null : text + text;
  }
}

package dev.sluice.runtime.aggregate;

import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import java.io.IOException;

/**
 * The running state of one aggregate in one group. {@link #add} and {@link #retract} take the
 * argument value (possibly NULL; {@code COUNT(*)} gets a non-null marker); {@link #result}
 * returns the value in the representation of the call's result type.
 */
public interface Accumulator {
  void add(Object value);

  void retract(Object value);

  Object result();

  /** Adds everything {@code other} (an accumulator of the same call) has seen, as when two sessions merge. */
  void merge(Accumulator other);

  void write(StateWriter out) throws IOException;

  void read(StateReader in) throws IOException;
}

package dev.sluice.planner.physical;

/** The window table functions. */
public enum WindowKind {
  TUMBLE,
  HOP,
  SESSION
}

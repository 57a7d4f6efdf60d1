package dev.sluice.engine.scenario;

/**
 * How one scenario went.
 *
 * @param failedStep index of the step that failed, or -1
 * @param detail what was expected and what happened, for a failure
 */
public record ScenarioResult(String name, boolean passed, int failedStep, String detail) {
  static ScenarioResult pass(String name) {
    return new ScenarioResult(name, true, -1, "");
  }
}

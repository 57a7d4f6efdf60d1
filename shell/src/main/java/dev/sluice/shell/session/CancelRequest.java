package dev.sluice.shell.session;

/**
 * Ctrl-C, as the session sees it: the signal handler {@linkplain #request() requests} a cancel,
 * and whatever the session is waiting for (a query in the foreground, a script's background
 * queries) checks for it. A request while nothing waits is refused, so the caller can do what
 * Ctrl-C does elsewhere (clear the prompt, end the program).
 */
public final class CancelRequest {
  private volatile boolean armed;
  private volatile boolean requested;
  private volatile boolean everGranted;

  /** Asks what is waiting to stop; false when nothing is waiting. Safe from any thread. */
  public boolean request() {
    if (!armed) return false;
    requested = true;
    everGranted = true;
    return true;
  }

  /** Whether a request ever stopped something: a script that was interrupted so exits with 130. */
  boolean everGranted() {
    return everGranted;
  }

  /** Something starts waiting: from now on a request cancels it. */
  void arm() {
    requested = false;
    armed = true;
  }

  /** The wait is over. */
  void disarm() {
    armed = false;
    requested = false;
  }

  boolean isRequested() {
    return requested;
  }
}

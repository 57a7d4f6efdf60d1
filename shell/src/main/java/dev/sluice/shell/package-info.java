/**
 * The {@code sluice} command: {@link dev.sluice.shell.Main} reads the command line and runs the
 * interactive shell, a script, statements from a pipe, or the scenario runner, each on a fresh
 * embedded engine.
 */
package dev.sluice.shell;

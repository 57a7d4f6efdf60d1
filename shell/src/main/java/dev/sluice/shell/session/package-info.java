/**
 * The shell's core, free of any terminal library: a {@link dev.sluice.shell.session.ShellSession}
 * runs scripts statement by statement against an engine, shows what each statement produced,
 * runs a continuous SELECT in the foreground until it ends or is cancelled, and reports errors
 * with their place in the script. Tests drive it with plain streams.
 */
package dev.sluice.shell.session;

/**
 * The interactive shell on a JLine terminal: the prompt loop with multi-line statements, history
 * and completion, the terminal as the renderers' screen, Ctrl-C handling, and the demo table a
 * new user starts with.
 */
package dev.sluice.shell.interactive;

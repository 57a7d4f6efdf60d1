/**
 * The interactive shell on a JLine terminal: the prompt loop with multi-line statements, history,
 * completion from the catalog and the connectors' declared options, and keyword highlighting; the
 * terminal as the renderers' screen, with JLine's status line as its status bar; Ctrl-C handling;
 * and the demo table a new user starts with.
 */
package dev.sluice.shell.interactive;

/**
 * The {@code socket} connector: text lines from a TCP server, for demos and experiments ({@code nc
 * -lk 9999} in another terminal). It is not replayable; see {@link
 * dev.sluice.connectors.socket.SocketSource} for what that means when a query restarts.
 */
package dev.sluice.connectors.socket;

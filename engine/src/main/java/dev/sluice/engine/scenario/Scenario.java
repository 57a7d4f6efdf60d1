package dev.sluice.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * One conformance scenario as read from its file (see ../shared/scenarios/FORMAT.md).
 *
 * @param steps the steps as JSON objects, in order; empty when {@code reject}
 */
public record Scenario(Path file, String name, List<String> statements, String query, String mode, boolean reject, List<JsonNode> steps) {}

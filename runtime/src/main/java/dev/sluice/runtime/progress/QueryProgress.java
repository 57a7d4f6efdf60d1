package dev.sluice.runtime.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;

/**
 * The report of one micro-batch, as Spark's StreamingQueryProgress gives it.
 *
 * @param timestamp wall-clock start of the batch, ISO-8601
 * @param durationMs milliseconds per phase: {@code plan}, {@code read}, {@code process},
 *     {@code sink}, {@code checkpoint} (writing the checkpoint's offsets, state and commit files),
 *     {@code commit} (the rest of ending the batch), {@code total}
 * @param stateRows rows held in operator state, all operators
 * @param watermark the query watermark in force for the next batch, as {@code yyyy-MM-dd
 *     HH:mm:ss[.SSS]}, or null while the query has none
 * @param droppedLateRows input rows operators dropped as late, cumulative
 * @param nullTimeRows rows skipped by window operators for a NULL event time, cumulative
 * @param malformedRows records the sources could not decode and skipped, cumulative
 * @param droppedNullRows rows an INSERT left out for a NULL in a NOT NULL column of its table
 *     ({@code 'sink.not-null-enforcer' = 'drop'}), cumulative in this run of the query
 * @param outputRows rows handed to the sink in this batch
 * @param checkpointBytes bytes this batch wrote to the checkpoint (write-ahead log, state
 *     changes or snapshot, commit); 0 without a checkpoint location
 * @param checkpointStateBytes bytes of state a restart would read now: the latest snapshot and
 *     the deltas after it; 0 without a checkpoint location
 */
public record QueryProgress(
    String queryId,
    long batchId,
    String timestamp,
    long inputRows,
    double inputRowsPerSecond,
    double processedRowsPerSecond,
    Map<String, Long> durationMs,
    long stateRows,
    String watermark,
    long droppedLateRows,
    long nullTimeRows,
    long malformedRows,
    long droppedNullRows,
    long outputRows,
    long checkpointBytes,
    long checkpointStateBytes,
    List<SourceProgress> sources) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

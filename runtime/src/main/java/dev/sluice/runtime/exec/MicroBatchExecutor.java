package dev.sluice.runtime.exec;

import dev.sluice.runtime.checkpoint.CheckpointStore;
import dev.sluice.runtime.checkpoint.OffsetEntry;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.function.ExpressionFailedException;
import dev.sluice.runtime.function.WatermarkFunction;
import dev.sluice.runtime.graph.NodeRef;
import dev.sluice.runtime.graph.OperatorNode;
import dev.sluice.runtime.graph.QueryGraph;
import dev.sluice.runtime.graph.SourceNode;
import dev.sluice.runtime.operator.LateRowHandler;
import dev.sluice.runtime.operator.Operator;
import dev.sluice.runtime.operator.OperatorContext;
import dev.sluice.runtime.progress.QueryProgress;
import dev.sluice.runtime.progress.SourceProgress;
import dev.sluice.runtime.spi.QueryStatus;
import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.SinkContext;
import dev.sluice.runtime.spi.Source;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the micro-batches of one query: plan offsets (write-ahead), read the new rows, push them
 * through the operators, deliver to the sink, commit state and offsets. Not thread-safe: one
 * thread drives it (see {@link QueryExecution}).
 */
public final class MicroBatchExecutor implements AutoCloseable {
  /** How much of a source offset an expression's error shows: a file source's lists every file taken. */
  private static final int MAX_OFFSET_SHOWN = 120;

  private final String queryId;
  private final String sql;
  private final QueryGraph graph;
  private final Sink sink;
  private final CheckpointStore checkpointStore;
  private final List<String> stateLayout;
  /** Made when the operators exist, in {@link #start()}; null without a checkpoint location. */
  private QueryCheckpoint checkpoint;

  private final Source[] sources;
  private final String[] sourceKeys;
  private final String[] committedEnd;
  /** Per source, the watermark in force for the next batch; NO_WATERMARK before its first row. */
  private final long[] sourceWatermarks;
  private final Operator[] operators;
  private final OperatorContext[] contexts;
  /** consumers[node] lists (operator index, input index) pairs reading that node. */
  private final Map<NodeRef, List<int[]>> consumers = new HashMap<>();
  private final ResultWriter result;

  /** Whether the static tables were read in this run (they are read once per start). */
  private boolean staticTablesRead;
  private long nextBatchId;
  /**
   * The query watermark in force for the previous batch, for judging rows emitted on this batch's
   * watermark; none after a (re)start, so the first batch drops no row emitted on its watermark.
   */
  private long previousWatermark = OperatorContext.NO_WATERMARK;
  /** When the previous batch started (nanos), for the input rate; 0 before the first batch. */
  private long previousStart;
  /** The batches planned before a restart and not committed, to run again over their logged input first. */
  private final ArrayDeque<OffsetEntry> redo = new ArrayDeque<>();
  /** The digest of the running batch's planned input, for its sink ({@link QueryStatus#inputDigest()}). */
  private String inputDigest;
  private QueryProgress lastProgress;

  public MicroBatchExecutor(String queryId, String sql, QueryGraph graph, Sink sink, CheckpointStore checkpoints, LateRowHandler lateRows) {
    this(queryId, sql, graph, sink, checkpoints, null, lateRows);
  }

  /**
   * @param checkpoints where the query keeps its checkpoint, or null for none
   * @param stateLayout the output mode and the stateful operators in words (see {@link
   *     dev.sluice.runtime.checkpoint.QueryMetadata#stateLayout()}), so a refused checkpoint says
   *     what changed; null to describe them by operator name
   */
  public MicroBatchExecutor(String queryId, String sql, QueryGraph graph, Sink sink, CheckpointStore checkpoints, List<String> stateLayout,
      LateRowHandler lateRows) {
    this.queryId = queryId;
    this.sql = sql;
    this.graph = graph;
    this.sink = sink;
    this.checkpointStore = checkpoints;
    this.stateLayout = stateLayout;
    int sourceCount = graph.sources().size();
    this.sources = new Source[sourceCount];
    this.sourceKeys = new String[sourceCount];
    this.committedEnd = new String[sourceCount];
    this.sourceWatermarks = new long[sourceCount];
    Arrays.fill(sourceWatermarks, OperatorContext.NO_WATERMARK);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < sourceCount; i++) {
      String table = graph.sources().get(i).table();
      int n = seen.merge(table, 1, Integer::sum);
      sourceKeys[i] = n == 1 ? table : table + "#" + n;
    }
    int operatorCount = graph.operators().size();
    this.operators = new Operator[operatorCount];
    this.contexts = new OperatorContext[operatorCount];
    for (int i = 0; i < operatorCount; i++) {
      OperatorNode node = graph.operators().get(i);
      List<NodeRef> inputs = node.inputs();
      for (int in = 0; in < inputs.size(); in++) {
        consumers.computeIfAbsent(inputs.get(in), k -> new ArrayList<>()).add(new int[] {i, in});
      }
      contexts[i] = new OperatorContext(node.name());
      contexts[i].setLateRowHandler(lateRows);
    }
    this.result = ResultWriter.create(graph.result());
  }

  /** Opens sources, operators and sink, and resumes from the checkpoint when there is one. */
  public void start() throws IOException {
    for (int i = 0; i < sources.length; i++) sources[i] = graph.sources().get(i).source().get();
    for (int i = 0; i < operators.length; i++) {
      operators[i] = graph.operators().get(i).factory().get();
      operators[i].open(contexts[i]);
    }
    sink.open(new SinkContext(graph.result().schema(), graph.result().mode(), graph.result().keyColumns(), queryId, this::status));
    if (checkpointStore != null) {
      checkpoint = new QueryCheckpoint(checkpointStore, queryId, sql, graph, stateLayout, operators, contexts, result);
      recover();
    }
    // Only a source the checkpoint has no position for is asked where to start: a resumed query
    // goes on from its own offsets, and starts even while a source's system does not answer.
    for (int i = 0; i < sources.length; i++) {
      if (committedEnd[i] == null && !redo.isEmpty() && !graph.sources().get(i).bounded()) committedEnd[i] = redo.peekFirst().startOffsets().get(sourceKeys[i]);
      if (committedEnd[i] == null) committedEnd[i] = sources[i].initialOffset();
    }
  }

  private void recover() throws IOException {
    QueryCheckpoint.Recovery recovery = checkpoint.recover();
    if (recovery.committedBatch() >= 0) {
      for (int i = 0; i < sources.length; i++) {
        String end = recovery.committedOffsets().endOffsets().get(sourceKeys[i]);
        if (end != null && !graph.sources().get(i).bounded()) committedEnd[i] = end;
      }
      if (recovery.committedOffsets() != null) {
        // The watermark the committed batch ran at: rows emitted in the next batch's watermark phase are judged late
        // against it, as they would have been without the restart.
        setWatermarks(recovery.committedOffsets().watermarks());
        previousWatermark = queryWatermark();
      }
      setWatermarks(recovery.commit().watermarks());
      nextBatchId = recovery.committedBatch() + 1;
    }
    redo.addAll(recovery.redo());
  }

  private void setWatermarks(Map<String, Long> watermarks) {
    for (int i = 0; i < sources.length; i++) {
      Long w = watermarks.get(sourceKeys[i]);
      if (w != null) sourceWatermarks[i] = w;
    }
  }

  /**
   * Runs the next batch if there is new input, a batch to redo after a crash, a watermark
   * that lets an operator emit or evict, or, for a query that reads no table, none has run yet.
   *
   * @param target per source, the offset reading must not pass (available-now), or null
   * @return whether a batch ran
   */
  public boolean runBatch(String[] target) throws IOException {
    long started = System.nanoTime();
    String[] start = committedEnd.clone();
    String[] end = new String[sources.length];
    OffsetEntry logged = redo.peekFirst();
    boolean redoing = logged != null;
    if (redoing) {
      assert logged.batchId() == nextBatchId : "redo batch " + logged.batchId() + " as batch " + nextBatchId;
      for (int i = 0; i < sources.length; i++) {
        if (graph.sources().get(i).bounded()) {
          end[i] = staticTablesRead ? start[i] : sources[i].latestOffset();
          continue;
        }
        start[i] = logged.startOffsets().getOrDefault(sourceKeys[i], start[i]);
        end[i] = logged.endOffsets().getOrDefault(sourceKeys[i], start[i]);
      }
      setWatermarks(logged.watermarks());
    } else {
      for (int i = 0; i < sources.length; i++) {
        if (graph.sources().get(i).bounded()) {
          end[i] = staticTablesRead ? start[i] : sources[i].latestOffset();
          continue;
        }
        String latest = target != null ? target[i] : sources[i].latestOffset();
        // null: the source cannot tell now (its system does not answer), so this batch reads nothing from it.
        end[i] = latest == null || latest.equals(start[i]) ? start[i] : sources[i].limitOffset(start[i], latest);
      }
    }
    long watermark = queryWatermark();
    boolean hasData = false;
    for (int i = 0; i < sources.length; i++) hasData |= !Objects.equals(start[i], end[i]);
    // A query that reads no table (its every stream is empty) runs one batch, its first, so that what SQL gives over
    // no rows is delivered: a global COUNT(*) is one row with 0, as the batch query over an empty table says.
    boolean firstBatchOfNothing = sources.length == 0 && nextBatchId == 0;
    if (!redoing && !hasData && !firstBatchOfNothing && !hasWorkAt(watermark)) return false;

    long batchId = nextBatchId;
    long checkpointBytes = 0;
    long walNanos = 0;
    OffsetEntry plan = redoing ? logged : new OffsetEntry(batchId, keyed(start), keyed(end), keyed(sourceWatermarks));
    inputDigest = plan.inputDigest();
    if (checkpoint != null && !redoing) {
      long walStart = System.nanoTime();
      checkpointBytes += checkpoint.writeAheadLog(plan);
      walNanos = System.nanoTime() - walStart;
    }
    long planned = System.nanoTime();
    for (OperatorContext c : contexts) c.startBatch(batchId, watermark);

    long inputRows = 0;
    long readNanos = 0;
    long[] rowsPerSource = new long[sources.length];
    long[] maxWatermark = new long[sources.length];
    Arrays.fill(maxWatermark, OperatorContext.NO_WATERMARK);
    for (int i = 0; i < sources.length; i++) {
      if (Objects.equals(start[i], end[i])) continue;
      long readStart = System.nanoTime();
      RowBatch rows = new RowBatch();
      sources[i].read(start[i], end[i], rows);
      SourceNode node = graph.sources().get(i);
      try {
        if (node.scan() != null) rows = applyScan(node, rows);
        readNanos += System.nanoTime() - readStart;
        rowsPerSource[i] = rows.size();
        inputRows += rows.size();
        if (node.watermark() != null) maxWatermark[i] = maxWatermark(node, rows);
        push(NodeRef.source(i), rows);
      } catch (ExpressionFailedException e) {
        throw new ExpressionFailedException(e.getMessage() + ", " + inputLocation(batchId, node.table(), start[i], end[i]), e.getCause());
      }
    }
    for (OperatorContext c : contexts) c.startWatermarkPhase(previousWatermark);
    previousWatermark = watermark;
    for (int i = 0; i < operators.length; i++) {
      RowBatch out = new RowBatch();
      operators[i].finishBatch(out);
      if (!out.isEmpty()) push(NodeRef.operator(i), out);
    }
    long processed = System.nanoTime();
    RowBatch output = result.finishBatch();
    if (output != null) sink.write(batchId, output);
    long delivered = System.nanoTime();

    for (int i = 0; i < sources.length; i++) {
      if (maxWatermark[i] != OperatorContext.NO_WATERMARK && maxWatermark[i] > sourceWatermarks[i]) {
        sourceWatermarks[i] = maxWatermark[i];
      }
      if (graph.sources().get(i).watermark() != null && sources[i].isEnded(end[i])) {
        sourceWatermarks[i] = OperatorContext.END_OF_INPUT;
      }
    }
    long stateNanos = 0;
    if (checkpoint != null) {
      long stateStart = System.nanoTime();
      checkpointBytes += checkpoint.commit(batchId, keyed(sourceWatermarks));
      stateNanos = System.nanoTime() - stateStart;
    }
    for (int i = 0; i < sources.length; i++) {
      committedEnd[i] = end[i];
      if (!Objects.equals(start[i], end[i])) sources[i].commit(end[i]);
    }
    if (redoing) redo.removeFirst();
    staticTablesRead = true;
    nextBatchId++;
    long committed = System.nanoTime();

    // The write-ahead log is written while planning, state and commit while committing; both count as "checkpoint" only.
    Map<String, Long> durations = new LinkedHashMap<>();
    durations.put("plan", millis(planned - started - walNanos));
    durations.put("read", millis(readNanos));
    durations.put("process", millis(processed - planned - readNanos));
    durations.put("sink", millis(delivered - processed));
    durations.put("checkpoint", millis(walNanos + stateNanos));
    durations.put("commit", millis(committed - delivered - stateNanos));
    durations.put("total", millis(committed - started));
    lastProgress = progress(batchId, started, committed, inputRows, rowsPerSource, start, end, durations, output == null ? 0 : output.size(),
        checkpointBytes);
    return true;
  }

  /** Where the rows of a batch came from, as an expression's error names it: the table and the offsets read. */
  private static String inputLocation(long batchId, String table, String start, String end) {
    return "in batch " + batchId + ", reading table '" + table + "' from offset " + shortOffset(start) + " to " + shortOffset(end);
  }

  /** A file source's offset lists every file taken: show its end, where the batch's new files are. */
  private static String shortOffset(String offset) {
    if (offset == null) return "the start";
    return offset.length() <= MAX_OFFSET_SHOWN ? offset : "..." + offset.substring(offset.length() - MAX_OFFSET_SHOWN);
  }

  private RowBatch applyScan(SourceNode node, RowBatch rows) {
    RowBatch scanned = new RowBatch(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = node.scan().apply(rows.row(r));
      if (row != null) scanned.add(rows.kindCode(r), row);
    }
    return scanned;
  }

  private static long maxWatermark(SourceNode node, RowBatch rows) {
    WatermarkFunction watermark = node.watermark();
    long max = OperatorContext.NO_WATERMARK;
    for (int r = 0; r < rows.size(); r++) max = Math.max(max, watermark.apply(rows.row(r)));
    return max;
  }

  private void push(NodeRef from, RowBatch rows) {
    if (from.equals(graph.root())) result.accept(rows);
    List<int[]> readers = consumers.get(from);
    if (readers == null) return;
    for (int[] reader : readers) {
      RowBatch out = new RowBatch();
      operators[reader[0]].process(reader[1], rows, out);
      if (!out.isEmpty()) push(NodeRef.operator(reader[0]), out);
    }
  }

  /** The watermark in force and the late rows dropped so far, for the sink of the running batch. */
  private QueryStatus status() {
    long dropped = checkpoint == null ? 0 : checkpoint.carriedDroppedLateRows();
    for (OperatorContext c : contexts) dropped += c.metrics().droppedLateRows;
    long watermark = contexts.length == 0 ? OperatorContext.NO_WATERMARK : contexts[0].watermark();
    return new QueryStatus(watermarkText(watermark), dropped, inputDigest);
  }

  /** A watermark as progress reports and sinks show it: null for none. */
  private static String watermarkText(long watermark) {
    if (watermark == OperatorContext.NO_WATERMARK) return null;
    return watermark == OperatorContext.END_OF_INPUT ? "end of input" : Values.formatTimestamp(watermark);
  }

  /**
   * Tells every operator, from any thread, that the query is stopping, so one busy with a long batch
   * gives it up ({@link dev.sluice.runtime.operator.QueryStoppedException}); the batch is not
   * committed, and a restart redoes it.
   */
  public void requestStop() {
    for (OperatorContext c : contexts) c.requestStop();
  }

  /** The query watermark: the minimum over watermarked sources, none while any has none. */
  public long queryWatermark() {
    long min = Long.MAX_VALUE;
    boolean any = false;
    for (int i = 0; i < sources.length; i++) {
      if (graph.sources().get(i).watermark() == null) continue;
      if (sourceWatermarks[i] == OperatorContext.NO_WATERMARK) return OperatorContext.NO_WATERMARK;
      min = Math.min(min, sourceWatermarks[i]);
      any = true;
    }
    return any ? min : OperatorContext.NO_WATERMARK;
  }

  private boolean hasWorkAt(long watermark) {
    if (watermark == OperatorContext.NO_WATERMARK) return false;
    for (Operator op : operators) {
      if (op.hasWorkAt(watermark)) return true;
    }
    return false;
  }

  /**
   * What a once or available-now run reads up to: per source its end when it is bounded ({@link
   * Source#endOffset()}), else the offset it stands at now.
   */
  public String[] availableNowOffsets() {
    String[] latest = new String[sources.length];
    for (int i = 0; i < sources.length; i++) {
      String end = sources[i].endOffset();
      latest[i] = end != null ? end : sources[i].latestOffset();
    }
    return latest;
  }

  /**
   * Whether every streaming source has ended ({@link Source#isEnded}) and every committed batch
   * is done: no batch can bring new rows, so once the owed no-data batches have run the query is
   * finished, as a Flink job over bounded input is.
   */
  public boolean inputEnded() {
    if (!redo.isEmpty()) return false;
    boolean streaming = false;
    for (int i = 0; i < sources.length; i++) {
      if (graph.sources().get(i).bounded()) continue;
      streaming = true;
      if (!sources[i].isEnded(committedEnd[i])) return false;
    }
    return streaming;
  }

  public QueryProgress lastProgress() {
    return lastProgress;
  }

  /** Whether some source's {@link Source#status()} differs from what {@code reported} (null: none yet) says. */
  public boolean sourceStatusChanged(QueryProgress reported) {
    for (int i = 0; i < sources.length; i++) {
      String was = reported == null || reported.sources().size() != sources.length ? null : reported.sources().get(i).status();
      if (!Objects.equals(was, sources[i].status())) return true;
    }
    return false;
  }

  public long stateRows() {
    long rows = 0;
    for (Operator op : operators) rows += op.stateRows();
    return rows;
  }

  private QueryProgress progress(long batchId, long started, long ended, long inputRows, long[] rowsPerSource, String[] start, String[] end,
      Map<String, Long> durations, long outputRows, long checkpointBytes) {
    long dropped = checkpoint == null ? 0 : checkpoint.carriedDroppedLateRows();
    long nullTime = checkpoint == null ? 0 : checkpoint.carriedNullTimeRows();
    long droppedNull = 0;
    for (OperatorContext c : contexts) {
      dropped += c.metrics().droppedLateRows;
      nullTime += c.metrics().nullTimeRows;
      droppedNull += c.metrics().droppedNullRows;
    }
    long malformed = 0;
    List<SourceProgress> perSource = new ArrayList<>();
    for (int i = 0; i < sources.length; i++) {
      malformed += sources[i].malformedRows();
      String wm = watermarkText(sourceWatermarks[i]);
      perSource.add(new SourceProgress(sourceKeys[i], start[i], end[i], rowsPerSource[i], wm, sources[i].malformedRows(), sources[i].status()));
    }
    double processingSeconds = Math.max(1e-9, (ended - started) / 1e9);
    // As Spark: rows arrived per second since the previous batch started, and processed per second of this batch.
    double arrivalSeconds = previousStart == 0 ? processingSeconds : Math.max(1e-9, (started - previousStart) / 1e9);
    previousStart = started;
    long queryWm = queryWatermark();
    return new QueryProgress(queryId, batchId, Instant.now().toString(), inputRows, inputRows / arrivalSeconds, inputRows / processingSeconds, durations,
        stateRows(), watermarkText(queryWm), dropped, nullTime, malformed, droppedNull,
        outputRows, checkpointBytes, checkpoint == null ? 0 : checkpoint.recoverableStateBytes(), perSource);
  }

  /**
   * The report of a query with nothing to do: no input, state and watermark as they stand, and
   * each source's status, so a source that lost its data shows while the query waits (Spark
   * reports idle queries too).
   */
  public QueryProgress idleProgress() {
    long now = System.nanoTime();
    String[] at = committedEnd.clone();
    long rateClock = previousStart; // an idle report does not restart the input-rate clock
    QueryProgress progress = progress(nextBatchId - 1, now, now, 0, new long[sources.length], at, at, Map.of("total", 0L), 0, 0);
    previousStart = rateClock;
    return progress;
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  /** Offsets by source, leaving out static tables, which are read whole after every start. */
  private Map<String, String> keyed(String[] values) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      if (!graph.sources().get(i).bounded()) map.put(sourceKeys[i], values[i]);
    }
    return map;
  }

  private Map<String, Long> keyed(long[] watermarks) {
    Map<String, Long> map = new LinkedHashMap<>();
    for (int i = 0; i < watermarks.length; i++) {
      if (watermarks[i] != OperatorContext.NO_WATERMARK) map.put(sourceKeys[i], watermarks[i]);
    }
    return map;
  }

  @Override
  public void close() {
    for (Operator op : operators) {
      if (op != null) op.close();
    }
    for (Source source : sources) {
      if (source != null) source.close();
    }
    sink.close();
    if (checkpoint != null) checkpoint.close();
    else if (checkpointStore != null) checkpointStore.close();
  }
}

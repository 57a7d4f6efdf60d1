package dev.sluice.runtime.exec;

import dev.sluice.runtime.checkpoint.CheckpointStore;
import dev.sluice.runtime.checkpoint.CheckpointWriteException;
import dev.sluice.runtime.checkpoint.CommitEntry;
import dev.sluice.runtime.checkpoint.CorruptCheckpointException;
import dev.sluice.runtime.checkpoint.OffsetEntry;
import dev.sluice.runtime.checkpoint.QueryMetadata;
import dev.sluice.runtime.checkpoint.StatePart;
import dev.sluice.runtime.graph.QueryGraph;
import dev.sluice.runtime.operator.Operator;
import dev.sluice.runtime.operator.OperatorContext;
import dev.sluice.runtime.operator.OperatorMetrics;
import dev.sluice.runtime.state.ChangedKeyGroups;
import dev.sluice.runtime.state.KeyGroupedState;
import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One query's side of its checkpoint: checks that the checkpoint fits the query, restores state
 * and offsets, and per batch writes the write-ahead log, then the state changes, then the commit.
 *
 * <p>State is matched to operators by name among the stateful operators only, so stateless parts
 * of the query may change between runs. The query's own part carries the late and NULL-time row
 * counts of its stateless operators and the complete-mode result table.
 */
final class QueryCheckpoint {
  private static final Logger LOG = LoggerFactory.getLogger(QueryCheckpoint.class);

  private final CheckpointStore store;
  private final QueryMetadata metadata;
  private final List<StatePart> parts = new ArrayList<>();
  private final OperatorContext[] statelessContexts;
  private final ResultWriter result;
  /** Late and NULL-time rows counted by stateless operators before the last restart. */
  private long carriedDroppedLateRows;
  private long carriedNullTimeRows;

  /**
   * Where a restarted query stands.
   *
   * @param redo the batches planned after the last commit, in order, to run again over their
   *     logged input before any new batch is planned
   */
  record Recovery(long committedBatch, OffsetEntry committedOffsets, CommitEntry commit, List<OffsetEntry> redo) {}

  QueryCheckpoint(CheckpointStore store, String queryId, String sql, QueryGraph graph, List<String> stateLayout, Operator[] operators,
      OperatorContext[] contexts, ResultWriter result) {
    this.store = store;
    this.result = result;
    parts.add(new StatePart("query", new QueryPart()));
    List<OperatorContext> stateless = new ArrayList<>();
    List<String> layout = new ArrayList<>();
    layout.add("output mode " + graph.result().mode().sqlName());
    for (int i = 0; i < operators.length; i++) {
      KeyGroupedState state = operators[i].checkpointState();
      if (state == null) {
        stateless.add(contexts[i]);
        continue;
      }
      String name = kindOf(graph.operators().get(i).name());
      parts.add(new StatePart(name, new OperatorPart(state, contexts[i].metrics())));
      layout.add(name);
    }
    this.statelessContexts = stateless.toArray(new OperatorContext[0]);
    this.metadata = new QueryMetadata(QueryMetadata.FORMAT_VERSION, queryId, sql, graph.fingerprint(), stateLayout != null ? stateLayout : layout,
        null);
  }

  /** "StreamGroupAggregate#3" is a "StreamGroupAggregate": the number is its place in this plan, which may change. */
  private static String kindOf(String operatorName) {
    int hash = operatorName.lastIndexOf('#');
    return hash > 0 ? operatorName.substring(0, hash) : operatorName;
  }

  CheckpointStore store() {
    return store;
  }

  /**
   * Opens the checkpoint, refuses it when it does not fit the query, and restores the state of
   * the last committed batch.
   */
  Recovery recover() throws IOException {
    store.open();
    Optional<QueryMetadata> existing = store.readMetadata();
    if (existing.isPresent()) {
      String incompatibility = existing.get().incompatibility(metadata);
      if (incompatibility != null && existing.get().formatVersion() != metadata.formatVersion()) {
        throw new IllegalStateException("The checkpoint at " + store.root() + " was written by another version of Sluice and cannot be "
            + "resumed; " + incompatibility + "\nUse a new 'checkpoint.location', or resume it with the version that wrote it.");
      }
      if (incompatibility != null) {
        throw new IllegalStateException("The checkpoint at " + store.root() + " was written by a different query whose state does not fit "
            + "this one; " + incompatibility + "\n  checkpointed query: " + existing.get().sql() + "\n  this query:         " + metadata.sql()
            + "\nUse a new 'checkpoint.location' for the changed query, or run the checkpointed query on this one.");
      }
      if (!existing.get().sql().equals(metadata.sql())) {
        // A compatible change: later refusals should show the query that last ran.
        store.writeMetadata(new QueryMetadata(metadata.formatVersion(), existing.get().queryId(), metadata.sql(), metadata.fingerprint(),
            metadata.stateLayout(), existing.get().checkpointId()));
      }
    } else {
      store.writeMetadata(QueryMetadata.ofNewCheckpoint(metadata));
    }
    OptionalLong commit = store.latestCommit();
    long committed = commit.orElse(-1);
    long planned = store.latestOffsets().orElse(-1);
    if (committed > planned) {
      throw new CorruptCheckpointException(store.commitFile(committed), "it commits batch " + committed + ", but there is no planned batch "
          + committed + " (" + (planned < 0 ? "no batch is planned" : "the latest planned batch is " + planned) + " in "
          + store.offsetsFile(committed).getParent() + "), so no batch of this checkpoint wrote it. Remove it if it was copied in by mistake");
    }
    OffsetEntry committedOffsets = committed >= 0 ? store.readOffsets(committed) : null;
    CommitEntry commitEntry = committed >= 0 ? store.readCommit(committed) : null;
    long started = System.nanoTime();
    CheckpointStore.RestoredState restored = store.restoreState(committed, parts);
    if (committed >= 0) {
      LOG.info("Query {} resumes after batch {} from {}: {} of {} deltas, {} bytes of state read in {} ms", metadata.queryId(), committed,
          store.root(), restored.snapshotBatch() < 0 ? "no snapshot and" : "the snapshot of batch " + restored.snapshotBatch() + " and",
          restored.deltas(), restored.bytes(), (System.nanoTime() - started) / 1_000_000);
    }
    List<OffsetEntry> redo = plannedAfter(committed, planned, committedOffsets);
    return new Recovery(committed, committedOffsets, commitEntry, redo);
  }

  /**
   * The batches the write-ahead log holds after the last commit. Normally none or one (a crash
   * between planning and committing); more when commit files were lost or a backup of them was
   * restored. Each is redone over the input it logged, as Spark redoes its logged batches: planning
   * them again could give a batch id another range, which a sink that already committed that id
   * would skip, losing its rows.
   */
  private List<OffsetEntry> plannedAfter(long committed, long planned, OffsetEntry committedOffsets) throws IOException {
    List<OffsetEntry> redo = new ArrayList<>();
    OffsetEntry previous = committedOffsets;
    for (long id = committed + 1; id <= planned; id++) {
      if (!store.hasOffsets(id)) {
        throw new CorruptCheckpointException(store.offsetsFile(id), "it is missing, and the write-ahead log holds batch " + planned
            + " after it, so the batches after the last commit " + committed + " cannot be redone in order");
      }
      OffsetEntry entry = store.readOffsets(id);
      if (previous != null) {
        for (Map.Entry<String, String> start : entry.startOffsets().entrySet()) {
          String end = previous.endOffsets().get(start.getKey());
          if (end != null && !end.equals(start.getValue())) {
            throw new CorruptCheckpointException(store.offsetsFile(id), "it starts source '" + start.getKey() + "' at " + start.getValue()
                + " but batch " + (id - 1) + " ended it at " + end + ", so it was not planned after that batch");
          }
        }
      }
      redo.add(entry);
      previous = entry;
    }
    if (redo.size() > 1) {
      LOG.warn("The write-ahead log of checkpoint {} holds batches {} to {} after the last commit {} (commit files lost or restored from "
          + "a backup); redoing each over the input it logged", store.root(), committed + 1, planned, committed);
    }
    return redo;
  }

  /** Writes batch N's planned offsets before it runs; returns the bytes written. */
  long writeAheadLog(OffsetEntry entry) throws IOException {
    try {
      return store.writeOffsets(entry);
    } catch (CheckpointWriteException e) {
      throw new IOException("Batch " + entry.batchId() + " did not start: " + e.getMessage(), e);
    }
  }

  /** Writes batch N's state changes, then its commit; returns the bytes written. */
  long commit(long batchId, Map<String, Long> watermarks) throws IOException {
    try {
      long bytes = store.writeState(batchId, parts);
      return bytes + store.writeCommit(new CommitEntry(batchId, watermarks));
    } catch (CheckpointWriteException e) {
      throw new IOException("Batch " + batchId + " is not committed: " + e.getMessage()
          + ". Its output may have reached the sink; a restart on this checkpoint redoes the batch with the same input.", e);
    }
  }

  long recoverableStateBytes() {
    return store.recoverableStateBytes();
  }

  long carriedDroppedLateRows() {
    return carriedDroppedLateRows;
  }

  long carriedNullTimeRows() {
    return carriedNullTimeRows;
  }

  void close() {
    store.close();
  }

  /** A stateful operator's state, with its late and NULL-time row counts in front of its shared part. */
  private static final class OperatorPart implements KeyGroupedState {
    private final KeyGroupedState state;
    private final OperatorMetrics metrics;

    OperatorPart(KeyGroupedState state, OperatorMetrics metrics) {
      this.state = state;
      this.metrics = metrics;
    }

    @Override
    public ChangedKeyGroups changedKeyGroups() {
      return state.changedKeyGroups();
    }

    @Override
    public void writeShared(StateWriter out) throws IOException {
      out.writeLong(metrics.droppedLateRows);
      out.writeLong(metrics.nullTimeRows);
      state.writeShared(out);
    }

    @Override
    public void readShared(StateReader in) throws IOException {
      metrics.droppedLateRows = in.readLong();
      metrics.nullTimeRows = in.readLong();
      state.readShared(in);
    }

    @Override
    public void writeKeyGroup(int keyGroup, StateWriter out) throws IOException {
      state.writeKeyGroup(keyGroup, out);
    }

    @Override
    public void readKeyGroup(int keyGroup, StateReader in) throws IOException {
      state.readKeyGroup(keyGroup, in);
    }
  }

  /**
   * The query's own part: the stateless operators' row counts (they may be other operators after a
   * compatible change, so only the totals carry over) and the result writer's table, all shared.
   */
  private final class QueryPart implements KeyGroupedState {
    /** Never marked: this part has no keyed state. */
    private final ChangedKeyGroups none = new ChangedKeyGroups();

    @Override
    public ChangedKeyGroups changedKeyGroups() {
      return none;
    }

    @Override
    public void writeShared(StateWriter out) throws IOException {
      long dropped = carriedDroppedLateRows;
      long nullTime = carriedNullTimeRows;
      for (OperatorContext c : statelessContexts) {
        dropped += c.metrics().droppedLateRows;
        nullTime += c.metrics().nullTimeRows;
      }
      out.writeLong(dropped);
      out.writeLong(nullTime);
      result.snapshot(out);
    }

    @Override
    public void readShared(StateReader in) throws IOException {
      carriedDroppedLateRows = in.readLong();
      carriedNullTimeRows = in.readLong();
      result.restore(in);
    }

    @Override
    public void writeKeyGroup(int keyGroup, StateWriter out) {}

    @Override
    public void readKeyGroup(int keyGroup, StateReader in) {}
  }
}

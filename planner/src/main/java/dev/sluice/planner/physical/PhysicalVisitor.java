package dev.sluice.planner.physical;

/** One method per physical node kind; the graph builder and EXPLAIN implement it. */
public interface PhysicalVisitor<R> {
  R visit(StreamScan scan);

  R visit(StreamCalc calc);

  R visit(StreamUnnest unnest);

  R visit(StreamUnion union);

  R visit(StreamGroupAggregate aggregate);

  R visit(StreamWindowTableFunction window);

  R visit(StreamSessionAggregate session);

  R visit(StreamJoin join);

  R visit(StreamDeduplicate deduplicate);

  R visit(StreamStaticJoin join);

  R visit(StreamTopN topN);

  R visit(StreamEmpty empty);

  R visit(StreamNotNullEnforcer enforcer);
}

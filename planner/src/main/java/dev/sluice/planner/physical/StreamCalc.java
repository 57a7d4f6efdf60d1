package dev.sluice.planner.physical;

import dev.sluice.planner.calcite.FlinkFunctions;
import java.util.List;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

/** Filter and projection in one compiled step; stateless, passes change kinds through. */
public final class StreamCalc extends PhysicalNode {
  private final RexProgram program;

  public StreamCalc(PhysicalNode input, RexProgram program) {
    super(program.getOutputRowType(), List.of(input));
    this.program = program;
  }

  public RexProgram program() {
    return program;
  }

  @Override
  public Changelog changelog() {
    return input().changelog();
  }

  /** Each input key whose columns are all projected unchanged, in the input's order of preference. */
  @Override
  public List<int[]> uniqueKeys() {
    List<int[]> keys = new java.util.ArrayList<>();
    for (int[] inputKey : input().uniqueKeys()) {
      int[] key = new int[inputKey.length];
      boolean projected = true;
      for (int k = 0; k < inputKey.length && projected; k++) {
        key[k] = outputOf(inputKey[k]);
        projected = key[k] >= 0;
      }
      if (projected) keys.add(key);
    }
    return keys;
  }

  @Override
  public int equivalentColumn(int column) {
    RexNode expanded = passedThrough(program.expandLocalRef(program.getProjectList().get(column)));
    return expanded instanceof RexInputRef ref ? outputOf(input().equivalentColumn(ref.getIndex())) : -1;
  }

  /** The output column that passes input column {@code inputColumn} through unchanged, or -1. */
  private int outputOf(int inputColumn) {
    if (inputColumn < 0) return -1;
    List<RexLocalRef> projects = program.getProjectList();
    for (int i = 0; i < projects.size(); i++) {
      if (passedThrough(program.expandLocalRef(projects.get(i))) instanceof RexInputRef ref && ref.getIndex() == inputColumn) return i;
    }
    return -1;
  }

  /** A projected column keeps event time when it is an input event-time column passed through. */
  @Override
  public long closingOffset(int column) {
    RexNode expanded = passedThrough(program.expandLocalRef(program.getProjectList().get(column)));
    return expanded instanceof RexInputRef ref ? input().closingOffset(ref.getIndex()) : NOT_EVENT_TIME;
  }

  /** A projected column keeps processing time when it is {@code PROCTIME()}, or an input processing-time column passed through. */
  @Override
  public long processingTimeClosingOffset(int column) {
    RexNode expanded = passedThrough(program.expandLocalRef(program.getProjectList().get(column)));
    if (FlinkFunctions.isCallOf(expanded, "proctime")) return 0;
    return expanded instanceof RexInputRef ref ? input().processingTimeClosingOffset(ref.getIndex()) : NOT_EVENT_TIME;
  }

  /** The expression under casts that change only nullability, which pass a value through unchanged. */
  private static RexNode passedThrough(RexNode e) {
    while (e instanceof org.apache.calcite.rex.RexCall call && call.getKind() == org.apache.calcite.sql.SqlKind.CAST
        && call.getOperands().get(0).getType().getSqlTypeName() == call.getType().getSqlTypeName()
        && call.getOperands().get(0).getType().getPrecision() == call.getType().getPrecision()) {
      e = call.getOperands().get(0);
    }
    return e;
  }

  @Override
  public String explain() {
    StringBuilder sb = new StringBuilder("StreamCalc(select=[");
    List<RexLocalRef> projects = program.getProjectList();
    for (int i = 0; i < projects.size(); i++) {
      if (i > 0) sb.append(", ");
      RexNode e = program.expandLocalRef(projects.get(i));
      String name = fieldName(i);
      List<String> inputNames = input().rowType().getFieldNames();
      sb.append(e instanceof RexInputRef ref && inputNames.get(ref.getIndex()).equals(name) ? name : ExpressionText.of(e, inputNames) + " AS " + name);
    }
    sb.append(']');
    if (program.getCondition() != null) {
      sb.append(", where=").append(ExpressionText.of(program.expandLocalRef(program.getCondition()), input().rowType().getFieldNames()));
    }
    return sb.append(')').toString();
  }

  @Override
  public <R> R accept(PhysicalVisitor<R> visitor) {
    return visitor.visit(this);
  }
}

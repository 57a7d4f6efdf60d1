package dev.sluice.planner.calcite;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mapping;
import org.apache.calcite.util.mapping.MappingType;
import org.apache.calcite.util.mapping.Mappings;

/**
 * Drops the columns no operator reads, before any operator keeps them in state: a join, a window
 * or an aggregation otherwise carries (and a join holds) every column of every row, used or not.
 *
 * <p>Calcite's trimmer keeps every input column of a table function; the window functions
 * ({@code TUMBLE}, {@code HOP}, {@code SESSION}) pass their input's columns through and append
 * {@code window_start}, {@code window_end} and {@code window_time}, so here they keep only the
 * columns read above them and those their descriptors name.
 */
public final class ColumnTrimmer extends RelFieldTrimmer {
  private static final Set<String> WINDOW_FUNCTIONS = Set.of("TUMBLE", "HOP", "SESSION");
  private static final int WINDOW_COLUMNS = 3;

  private ColumnTrimmer(RelNode root) {
    super(null, RelFactories.LOGICAL_BUILDER.create(root.getCluster(), null));
  }

  /** {@code root} without the columns nothing above reads; its own columns are all kept. */
  public static RelNode trimUnused(RelNode root) {
    return new ColumnTrimmer(root).trim(root);
  }

  @Override
  public TrimResult trimFields(LogicalTableFunctionScan function, ImmutableBitSet fieldsUsed, Set<RelDataTypeField> extraFields) {
    if (!isWindow(function)) return super.trimFields(function, fieldsUsed, extraFields);
    RelNode input = function.getInput(0);
    int inputWidth = input.getRowType().getFieldCount();
    RexCall call = (RexCall) function.getCall();

    ImmutableBitSet.Builder inputUsed = fieldsUsed.intersect(ImmutableBitSet.range(inputWidth)).rebuild();
    for (RexNode operand : call.getOperands()) inputUsed.addAll(RelOptUtil.InputFinder.bits(operand));
    TrimResult trimmed = trimChild(function, input, inputUsed.build(), extraFields);
    RelNode newInput = trimmed.left;
    Mapping inputMapping = trimmed.right;
    if (newInput == input) return result(function, Mappings.createIdentity(function.getRowType().getFieldCount()));

    RexNode newCall = call.accept(new RexPermuteInputsShuttle(inputMapping, newInput));
    int newInputWidth = newInput.getRowType().getFieldCount();
    RelDataTypeFactory.Builder rowType = function.getCluster().getTypeFactory().builder();
    rowType.addAll(newInput.getRowType().getFieldList());
    List<RelDataTypeField> fields = function.getRowType().getFieldList();
    for (int w = 0; w < WINDOW_COLUMNS; w++) rowType.add(fields.get(inputWidth + w));
    RelDataType newRowType = rowType.build();

    Mapping mapping = Mappings.create(MappingType.INVERSE_SURJECTION, fields.size(), newRowType.getFieldCount());
    for (int i = 0; i < inputWidth; i++) {
      int target = inputMapping.getTargetOpt(i);
      if (target >= 0) mapping.set(i, target);
    }
    for (int w = 0; w < WINDOW_COLUMNS; w++) mapping.set(inputWidth + w, newInputWidth + w);
    RelNode newFunction = LogicalTableFunctionScan.create(function.getCluster(), List.of(newInput), newCall,
        function.getElementType(), newRowType, null);
    return result(newFunction, mapping, function);
  }

  private static boolean isWindow(LogicalTableFunctionScan function) {
    return function.getInputs().size() == 1
        && function.getCall() instanceof RexCall call
        && WINDOW_FUNCTIONS.contains(call.getOperator().getName().toUpperCase(Locale.ROOT))
        && function.getRowType().getFieldCount() == function.getInput(0).getRowType().getFieldCount() + WINDOW_COLUMNS;
  }
}

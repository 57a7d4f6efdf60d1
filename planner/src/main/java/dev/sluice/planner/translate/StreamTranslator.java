package dev.sluice.planner.translate;

import dev.sluice.planner.PlanningException;
import dev.sluice.planner.calcite.CatalogTable;
import dev.sluice.planner.calcite.TypeMapping;
import dev.sluice.planner.catalog.TableDefinition;
import dev.sluice.planner.physical.Changelog;
import dev.sluice.planner.physical.PhysicalNode;
import dev.sluice.planner.physical.StreamCalc;
import dev.sluice.planner.physical.StreamGroupAggregate;
import dev.sluice.planner.physical.StreamScan;
import dev.sluice.planner.physical.StreamUnion;
import dev.sluice.planner.physical.StreamUnnest;
import dev.sluice.runtime.aggregate.AggregateCall;
import dev.sluice.runtime.aggregate.AggregateKind;
import dev.sluice.runtime.spi.OutputMode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Uncollect;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;

/**
 * Translates Calcite's optimized logical plan into Sluice's incremental physical plan for one
 * output mode. The mode matters: an aggregation keyed on event time emits each group once when
 * the watermark closes it in append mode, keeps every group in complete mode, and evicts closed
 * groups in update mode. Constructs with no incremental operator are refused by name.
 */
public final class StreamTranslator {
  private final OutputMode mode;
  private final RexBuilder rexBuilder;

  public StreamTranslator(OutputMode mode, RexBuilder rexBuilder) {
    this.mode = mode;
    this.rexBuilder = rexBuilder;
  }

  public PhysicalNode translate(RelNode rel) {
    if (rel instanceof TableScan scan) return scan(scan);
    if (rel instanceof LogicalCalc calc) return new StreamCalc(translate(calc.getInput()), calc.getProgram());
    if (rel instanceof LogicalProject project) {
      RexProgram program = RexProgram.create(project.getInput().getRowType(), project.getProjects(), null, project.getRowType(), rexBuilder);
      return new StreamCalc(translate(project.getInput()), program);
    }
    if (rel instanceof LogicalFilter filter) {
      RexProgramBuilder builder = new RexProgramBuilder(filter.getInput().getRowType(), rexBuilder);
      builder.addIdentity();
      builder.addCondition(filter.getCondition());
      return new StreamCalc(translate(filter.getInput()), builder.getProgram());
    }
    if (rel instanceof Union union) return union(union);
    if (rel instanceof Aggregate aggregate) return aggregate(aggregate);
    if (rel instanceof Correlate correlate) return unnest(correlate);
    if (rel instanceof Values) {
      throw new PlanningException("A continuous query must read a table: VALUES alone, or a query without FROM, is not a stream");
    }
    throw unsupported(rel);
  }

  static PlanningException unsupported(RelNode rel) {
    String name = rel.getRelTypeName().replace("Logical", "");
    return new PlanningException(name + " is not supported in a continuous query yet (" + rel.explain().lines().findFirst().orElse(name).trim() + ")");
  }

  private PhysicalNode scan(TableScan scan) {
    CatalogTable table = scan.getTable().unwrap(CatalogTable.class);
    if (table == null) throw unsupported(scan);
    TableDefinition definition = table.definition();
    int eventTime = -1;
    if (definition.watermark() != null) {
      eventTime = scan.getRowType().getFieldNames().indexOf(definition.column(definition.watermark().column()).name());
    }
    return new StreamScan(scan.getRowType(), definition, eventTime);
  }

  private PhysicalNode union(Union union) {
    if (!union.all) {
      throw new PlanningException("UNION without ALL should have been rewritten to an aggregation; use UNION ALL");
    }
    List<PhysicalNode> inputs = new ArrayList<>();
    for (RelNode input : union.getInputs()) inputs.add(translate(input));
    return new StreamUnion(union.getRowType(), inputs);
  }

  private PhysicalNode aggregate(Aggregate aggregate) {
    if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      throw new PlanningException("GROUPING SETS, ROLLUP and CUBE are not supported in a continuous query");
    }
    PhysicalNode input = translate(aggregate.getInput());
    boolean retractable = input.changelog() == Changelog.UPDATING;
    int[] keys = aggregate.getGroupSet().toArray();
    List<AggregateCall> calls = new ArrayList<>();
    List<String> names = new ArrayList<>();
    RelDataType inputType = aggregate.getInput().getRowType();
    for (org.apache.calcite.rel.core.AggregateCall call : aggregate.getAggCallList()) {
      calls.add(new AggregateCall(kind(call), call.getArgList().isEmpty() ? -1 : call.getArgList().get(0), call.isDistinct(),
          call.filterArg, TypeMapping.toDataType(call.getType()), retractable));
      names.add(describe(call, inputType));
    }
    BitSet inputTime = input.eventTimeColumns();
    int timeKey = -1;
    for (int i = 0; i < keys.length; i++) {
      if (inputTime.get(keys[i])) {
        timeKey = i;
        break;
      }
    }
    boolean finalOnly = mode == OutputMode.APPEND && timeKey >= 0 && !retractable;
    boolean evict = mode != OutputMode.COMPLETE && timeKey >= 0 && !retractable;
    return new StreamGroupAggregate(aggregate.getRowType(), input, keys, calls, names, timeKey, finalOnly, evict);
  }

  private static String describe(org.apache.calcite.rel.core.AggregateCall call, RelDataType inputType) {
    StringBuilder sb = new StringBuilder(call.getAggregation().getName()).append('(');
    if (call.isDistinct()) sb.append("DISTINCT ");
    if (call.getArgList().isEmpty()) sb.append('*');
    for (int i = 0; i < call.getArgList().size(); i++) {
      if (i > 0) sb.append(", ");
      sb.append(inputType.getFieldList().get(call.getArgList().get(i)).getName());
    }
    sb.append(')');
    if (call.filterArg >= 0) sb.append(" FILTER ").append(inputType.getFieldList().get(call.filterArg).getName());
    return call.name == null ? sb.toString() : sb + " AS " + call.name;
  }

  private static AggregateKind kind(org.apache.calcite.rel.core.AggregateCall call) {
    SqlKind kind = call.getAggregation().getKind();
    if (call.getArgList().size() > 1) {
      throw new PlanningException(call.getAggregation().getName() + " with several arguments is not supported in a continuous query");
    }
    return switch (kind) {
      case COUNT -> call.getArgList().isEmpty() ? AggregateKind.COUNT_STAR : AggregateKind.COUNT;
      case SUM -> AggregateKind.SUM;
      case SUM0 -> AggregateKind.SUM0;
      case MIN -> AggregateKind.MIN;
      case MAX -> AggregateKind.MAX;
      case AVG -> AggregateKind.AVG;
      case SINGLE_VALUE, ANY_VALUE -> AggregateKind.ANY_VALUE;
      default -> throw new PlanningException("The aggregate function " + call.getAggregation().getName()
          + " is not supported in a continuous query; supported: COUNT, COUNT(DISTINCT), SUM, MIN, MAX, AVG");
    };
  }

  /** {@code t CROSS JOIN UNNEST(expr over t's columns)}, as Calcite plans it: a correlate over an uncollect. */
  private PhysicalNode unnest(Correlate correlate) {
    RelNode right = correlate.getRight();
    while (!(right instanceof Uncollect) && right.getInputs().size() == 1 && right.getInput(0) instanceof Uncollect && isIdentity(right)) {
      right = right.getInput(0);
    }
    if (!(right instanceof Uncollect uncollect) || correlate.getJoinType() != JoinRelType.INNER) {
      throw new PlanningException("Correlated subqueries are not supported in a continuous query; only CROSS JOIN UNNEST(...) is");
    }
    List<RexNode> expressions = projects(uncollect.getInput());
    if (expressions == null || expressions.size() != 1 || !(uncollect.getInput().getInput(0) instanceof Values)) {
      throw new PlanningException("UNNEST supports one array expression over the row it is joined with");
    }
    PhysicalNode left = translate(correlate.getLeft());
    RexNode collection = expressions.get(0).accept(new RexShuttle() {
      @Override
      public RexNode visitFieldAccess(RexFieldAccess access) {
        if (access.getReferenceExpr() instanceof RexCorrelVariable variable && variable.id.equals(correlate.getCorrelationId())) {
          return rexBuilder.makeInputRef(correlate.getLeft().getRowType(), access.getField().getIndex());
        }
        return super.visitFieldAccess(access);
      }
    });
    RelDataType collectionType = collection.getType();
    boolean elementIsRow = collectionType.getComponentType() != null && collectionType.getComponentType().isStruct();
    return new StreamUnnest(correlate.getRowType(), left, collection, elementIsRow, uncollect.withOrdinality);
  }

  /** The expressions of a projection without filter, as a Project or a Calc; null for anything else. */
  private static List<RexNode> projects(RelNode rel) {
    if (rel instanceof LogicalProject project) return project.getProjects();
    if (rel instanceof LogicalCalc calc && calc.getProgram().getCondition() == null) {
      RexProgram program = calc.getProgram();
      return program.getProjectList().stream().map(program::expandLocalRef).toList();
    }
    return null;
  }

  private static boolean isIdentity(RelNode rel) {
    List<RexNode> projects = projects(rel);
    return projects != null && org.apache.calcite.rex.RexUtil.isIdentity(projects, rel.getInput(0).getRowType());
  }
}

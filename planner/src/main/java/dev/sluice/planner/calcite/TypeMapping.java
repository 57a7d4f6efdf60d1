package dev.sluice.planner.calcite;

import dev.sluice.planner.PlanningException;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import dev.sluice.sql.ast.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/** Converts between DDL types, Calcite's types and the runtime's {@link DataType}. */
public final class TypeMapping {
  private TypeMapping() {}

  /** The Calcite type of a column declared in DDL. */
  public static RelDataType toRelDataType(TypeSpec spec, RelDataTypeFactory f) {
    List<Integer> p = spec.parameters();
    RelDataType type =
        switch (spec.name()) {
          case "BOOLEAN" -> f.createSqlType(SqlTypeName.BOOLEAN);
          case "TINYINT" -> f.createSqlType(SqlTypeName.TINYINT);
          case "SMALLINT" -> f.createSqlType(SqlTypeName.SMALLINT);
          case "INTEGER" -> f.createSqlType(SqlTypeName.INTEGER);
          case "BIGINT" -> f.createSqlType(SqlTypeName.BIGINT);
          case "FLOAT" -> f.createSqlType(SqlTypeName.REAL);
          case "DOUBLE" -> f.createSqlType(SqlTypeName.DOUBLE);
          case "DECIMAL" -> p.isEmpty() ? f.createSqlType(SqlTypeName.DECIMAL, 10, 0)
              : p.size() == 1 ? f.createSqlType(SqlTypeName.DECIMAL, p.get(0), 0)
              : f.createSqlType(SqlTypeName.DECIMAL, p.get(0), p.get(1));
          case "CHAR", "VARCHAR" -> p.isEmpty() ? f.createSqlType(SqlTypeName.VARCHAR) : f.createSqlType(SqlTypeName.VARCHAR, p.get(0));
          case "BYTES" -> f.createSqlType(SqlTypeName.VARBINARY);
          case "DATE" -> f.createSqlType(SqlTypeName.DATE);
          case "TIME" -> f.createSqlType(SqlTypeName.TIME, 0);
          case "TIMESTAMP" -> f.createSqlType(SqlTypeName.TIMESTAMP, p.isEmpty() ? 3 : Math.min(p.get(0), 3));
          case "TIMESTAMP_LTZ" -> f.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, p.isEmpty() ? 3 : Math.min(p.get(0), 3));
          case "ARRAY" -> f.createArrayType(toRelDataType(spec.typeArguments().get(0), f), -1);
          case "MAP" -> f.createMapType(toRelDataType(spec.typeArguments().get(0), f), toRelDataType(spec.typeArguments().get(1), f));
          case "ROW" -> {
            List<String> names = new ArrayList<>();
            List<RelDataType> types = new ArrayList<>();
            for (var field : spec.rowFields()) {
              names.add(field.name());
              types.add(toRelDataType(field.type(), f));
            }
            // PEEK_FIELDS_NO_EXPAND: `person.id` finds field id of ROW column person without naming the
            // table, as Flink resolves it (Nexmark's DDL and views write it so).
            yield f.createStructType(org.apache.calcite.rel.type.StructKind.PEEK_FIELDS_NO_EXPAND, types, names);
          }
          default -> throw new PlanningException("Type " + spec.name() + " is not supported", spec.position());
        };
    return f.createTypeWithNullability(type, spec.nullable());
  }

  /** The columns of {@code rowType}, named {@code names} in order. */
  public static Schema toSchema(List<String> names, RelDataType rowType) {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) fields.add(new Field(names.get(i), toDataType(rowType.getFieldList().get(i).getType())));
    return new Schema(fields);
  }

  public static Schema toSchema(RelDataType rowType) {
    List<Field> fields = new ArrayList<>();
    for (RelDataTypeField f : rowType.getFieldList()) fields.add(new Field(f.getName(), toDataType(f.getType())));
    return new Schema(fields);
  }

  public static DataType toDataType(RelDataType type) {
    boolean nullable = type.isNullable();
    DataType result =
        switch (type.getSqlTypeName()) {
          case BOOLEAN -> DataType.of(TypeKind.BOOLEAN);
          case TINYINT -> DataType.of(TypeKind.TINYINT);
          case SMALLINT -> DataType.of(TypeKind.SMALLINT);
          case INTEGER -> DataType.of(TypeKind.INTEGER);
          case BIGINT -> DataType.of(TypeKind.BIGINT);
          case REAL, FLOAT -> DataType.of(TypeKind.FLOAT);
          case DOUBLE -> DataType.of(TypeKind.DOUBLE);
          case DECIMAL -> DataType.decimal(type.getPrecision(), type.getScale());
          case CHAR, VARCHAR -> DataType.varchar(type.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED ? DataType.NO_PRECISION : type.getPrecision());
          case DATE -> DataType.of(TypeKind.DATE);
          case TIME -> DataType.of(TypeKind.TIME);
          case TIMESTAMP -> DataType.timestamp(type.getPrecision());
          case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> new DataType(TypeKind.TIMESTAMP_LTZ, type.getPrecision(), 0, true, null, null);
          case INTERVAL_YEAR, INTERVAL_YEAR_MONTH, INTERVAL_MONTH -> DataType.of(TypeKind.INTERVAL_YEAR_MONTH);
          case INTERVAL_DAY, INTERVAL_DAY_HOUR, INTERVAL_DAY_MINUTE, INTERVAL_DAY_SECOND, INTERVAL_HOUR, INTERVAL_HOUR_MINUTE,
              INTERVAL_HOUR_SECOND, INTERVAL_MINUTE, INTERVAL_MINUTE_SECOND, INTERVAL_SECOND -> DataType.of(TypeKind.INTERVAL_DAY_TIME);
          case ARRAY, MULTISET -> DataType.array(toDataType(type.getComponentType()));
          case MAP -> DataType.of(TypeKind.MAP);
          case ROW -> DataType.row(toSchema(type).fields());
          case BINARY, VARBINARY -> DataType.of(TypeKind.BINARY);
          default -> DataType.of(TypeKind.ANY);
        };
    return result.withNullable(nullable);
  }
}

package dev.sluice.runtime.type;

import java.util.ArrayList;
import java.util.List;

/** The ordered columns of a table, a source, a sink or a query result. */
public record Schema(List<Field> fields) {

  public Schema {
    fields = List.copyOf(fields);
  }

  public int size() {
    return fields.size();
  }

  public Field field(int index) {
    return fields.get(index);
  }

  /** The position of a column by name, case-insensitively, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  public List<String> names() {
    List<String> names = new ArrayList<>(fields.size());
    for (Field f : fields) names.add(f.name());
    return names;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) sb.append(", ");
      sb.append(fields.get(i).name()).append(' ').append(fields.get(i).type());
    }
    return sb.append(')').toString();
  }
}

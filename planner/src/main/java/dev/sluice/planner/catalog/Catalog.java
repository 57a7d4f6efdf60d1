package dev.sluice.planner.catalog;

import dev.sluice.planner.PlanningException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The tables, views and user-defined functions of one engine. Names compare case-insensitively and
 * keep the case they were declared with; functions have a namespace of their own, as in SQL.
 * Thread-safe.
 */
public final class Catalog {
  private final Map<String, TableDefinition> tables = new ConcurrentSkipListMap<>();
  private final Map<String, ViewDefinition> views = new ConcurrentSkipListMap<>();
  private final Map<String, FunctionDefinition> functions = new ConcurrentSkipListMap<>();

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  public synchronized void addTable(TableDefinition table, boolean ifNotExists) {
    if (exists(table.name())) {
      if (ifNotExists) return;
      throw new PlanningException("A table or view named '" + table.name() + "' already exists. Drop it first, or use CREATE TABLE IF NOT EXISTS.");
    }
    tables.put(key(table.name()), table);
  }

  public synchronized void addView(ViewDefinition view, boolean ifNotExists) {
    if (exists(view.name())) {
      if (ifNotExists) return;
      throw new PlanningException("A table or view named '" + view.name() + "' already exists. Drop it first, or use CREATE VIEW IF NOT EXISTS.");
    }
    views.put(key(view.name()), view);
  }

  /**
   * Adds a function, unless one of that name exists: then returns false if {@code ifNotExists},
   * else refuses.
   */
  public synchronized boolean addFunction(FunctionDefinition function, boolean ifNotExists) {
    FunctionDefinition existing = functions.get(key(function.name()));
    if (existing != null) {
      if (ifNotExists) return false;
      throw new PlanningException("A function named '" + existing.name() + "' already exists (class '" + existing.className()
          + "'). Drop it first, or use CREATE FUNCTION IF NOT EXISTS.");
    }
    functions.put(key(function.name()), function);
    return true;
  }

  public synchronized boolean dropTable(String name) {
    return tables.remove(key(name)) != null;
  }

  public synchronized boolean dropView(String name) {
    return views.remove(key(name)) != null;
  }

  public synchronized boolean dropFunction(String name) {
    return functions.remove(key(name)) != null;
  }

  public boolean exists(String name) {
    return tables.containsKey(key(name)) || views.containsKey(key(name));
  }

  public TableDefinition table(String name) {
    return tables.get(key(name));
  }

  public ViewDefinition view(String name) {
    return views.get(key(name));
  }

  public FunctionDefinition function(String name) {
    return functions.get(key(name));
  }

  public List<TableDefinition> tables() {
    return new ArrayList<>(tables.values());
  }

  public List<ViewDefinition> views() {
    return new ArrayList<>(views.values());
  }

  /** The user-defined functions, by name. */
  public List<FunctionDefinition> functions() {
    return new ArrayList<>(functions.values());
  }

  /** Every table and view name, for suggestions in error messages. */
  public List<String> names() {
    Map<String, String> names = new TreeMap<>();
    tables.values().forEach(t -> names.put(key(t.name()), t.name()));
    views.values().forEach(v -> names.put(key(v.name()), v.name()));
    return new ArrayList<>(names.values());
  }
}

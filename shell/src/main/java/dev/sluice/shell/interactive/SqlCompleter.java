package dev.sluice.shell.interactive;

import dev.sluice.engine.Settings;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StatementResult;
import dev.sluice.engine.StreamingQuery;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion from what the engine knows at that moment, chosen by what comes before the word
 * in the statement being typed:
 *
 * <ul>
 *   <li>after {@code SET} or {@code RESET}, the setting keys, quoted; after {@code SET 'key' =},
 *       the values of a key that takes one of a few;
 *   <li>in the {@code WITH (...)} of a {@code CREATE TABLE}, the options of the table's connector
 *       (required ones first, those already given left out), or {@code 'connector'} and after it
 *       the connectors there are;
 *   <li>after {@code FROM}, {@code JOIN}, {@code INTO}, {@code TABLE} or {@code DESCRIBE}, tables
 *       and views; after {@code STOP QUERY}, the running queries; after {@code DROP FUNCTION}, the
 *       functions declared with {@code CREATE FUNCTION}; after {@code CREATE TABLE}, {@code VIEW}
 *       or {@code FUNCTION}, nothing, a new name being due;
 *   <li>after {@code name.}, the columns of the table or view {@code name} is or aliases;
 *   <li>elsewhere keywords, tables and views, the columns of those the statement names (of all
 *       when it names none), and functions.
 * </ul>
 *
 * It reads the text with a few patterns, not the grammar: a guess at what may come next, good
 * enough to save typing and never in the way.
 */
final class SqlCompleter implements Completer {
  private static final Pattern SETTING_KEY = Pattern.compile("(?is)^\\s*(SET|RESET)\\s+'?[\\w.-]*");
  private static final Pattern SETTING_VALUE = Pattern.compile("(?is)^\\s*SET\\s+'([\\w.-]+)'\\s*=\\s*");
  private static final Pattern CREATE_TABLE_WITH = Pattern.compile("(?is)^\\s*CREATE\\s+TABLE\\b.*?\\bWITH\\s*\\(");
  private static final Pattern CONNECTOR_OPTION = Pattern.compile("(?i)'connector'\\s*=\\s*'([^']*)'");
  private static final Pattern OPTION_KEY = Pattern.compile("'([^']*)'\\s*=");
  private static final Pattern VALUE_OF = Pattern.compile("(?s)'([^']*)'\\s*=\\s*$");
  private static final Pattern RELATION_EXPECTED =
      Pattern.compile("(?is).*\\b(FROM|JOIN|INTO|TABLE|VIEW|DESCRIBE|DESC|EXISTS)\\s+$");
  private static final Pattern NEW_NAME_EXPECTED =
      Pattern.compile("(?is)^\\s*CREATE\\s+(TEMPORARY\\s+(SYSTEM\\s+)?)?(TABLE|VIEW|FUNCTION)\\s+(IF\\s+NOT\\s+EXISTS\\s+)?$");
  private static final Pattern FUNCTION_EXPECTED =
      Pattern.compile("(?is)^\\s*DROP\\s+(TEMPORARY\\s+(SYSTEM\\s+)?)?FUNCTION\\s+(IF\\s+EXISTS\\s+)?$");
  private static final Pattern STOP_QUERY = Pattern.compile("(?is).*\\bSTOP\\s+QUERY\\s+$");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Values of the settings that take one of a few words, as the engine's Settings check them. */
  private static final Map<String, List<String>> SETTING_VALUES = Map.of(
      Settings.OUTPUT_MODE, List.of("append", "update", "complete"),
      Settings.TRIGGER, List.of("default", "once", "available-now", "10 seconds"),
      Settings.RESULT_MODE, List.of("table", "changelog", "tableau"),
      Settings.VERBOSE, List.of("true", "false"));

  private final SluiceEngine engine;
  private final ConnectorCatalog connectors;
  private List<String> builtInFunctions;

  SqlCompleter(SluiceEngine engine) {
    this(engine, ConnectorCatalog.load(SqlCompleter.class.getClassLoader()));
  }

  SqlCompleter(SluiceEngine engine, ConnectorCatalog connectors) {
    this.engine = engine;
    this.connectors = connectors;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    int cursor = Math.min(line.cursor(), line.line().length());
    String word = line.word() == null ? "" : line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
    complete(line.line(), cursor, word, candidates);
  }

  /**
   * Adds the candidates for {@code word}, which ends at {@code cursor} in {@code buffer} (all that
   * was typed, over several lines).
   */
  void complete(String buffer, int cursor, String word, List<Candidate> candidates) {
    int statementStart = buffer.lastIndexOf(';', Math.max(0, cursor - word.length() - 1)) + 1;
    if (statementStart > cursor - word.length()) statementStart = 0;
    String before = buffer.substring(statementStart, cursor - word.length());
    int statementEnd = buffer.indexOf(';', cursor);
    String statement = buffer.substring(statementStart, statementEnd < 0 ? buffer.length() : statementEnd);

    Matcher setValue = SETTING_VALUE.matcher(before);
    if (setValue.matches()) {
      for (String value : SETTING_VALUES.getOrDefault(setValue.group(1), List.of())) {
        candidates.add(new Candidate("'" + value + "'", value, "value", null, null, null, true));
      }
      return;
    }
    if (SETTING_KEY.matcher(before + word).matches()) {
      for (String key : Settings.keys()) {
        candidates.add(new Candidate("'" + key + "'", key, "setting", Settings.descriptions().get(key), null, null, true));
      }
      return;
    }
    if (insideWithClause(before)) {
      completeOption(before, statement, candidates);
      return;
    }
    if (STOP_QUERY.matcher(before).matches()) {
      for (StreamingQuery query : engine.queries()) {
        candidates.add(new Candidate(query.id(), query.id(), "query", query.sql(), null, null, true));
      }
      return;
    }
    if (NEW_NAME_EXPECTED.matcher(before).matches()) return;
    if (FUNCTION_EXPECTED.matcher(before).matches()) {
      for (String function : firstColumn("SHOW USER FUNCTIONS")) {
        candidates.add(new Candidate(function, function, "function", null, null, null, true));
      }
      return;
    }
    int dot = word.lastIndexOf('.');
    if (dot > 0) {
      completeQualifiedColumn(word.substring(0, dot), statement, candidates);
      return;
    }
    List<String> relations = relations();
    if (RELATION_EXPECTED.matcher(before).matches()) {
      for (String relation : relations) candidates.add(new Candidate(relation, relation, "table", null, null, null, true));
      return;
    }
    for (String keyword : SqlKeywords.PHRASES) candidates.add(new Candidate(keyword, keyword, "keyword", null, null, null, true));
    for (String relation : relations) candidates.add(new Candidate(relation, relation, "table", null, null, null, true));
    for (String column : columns(namedIn(statement, relations))) {
      candidates.add(new Candidate(column, column, "column", null, null, null, true));
    }
    for (String function : functions()) {
      candidates.add(new Candidate(function, function, "function", null, null, null, false));
    }
  }

  /** Whether the text before the word is inside the parentheses after a CREATE TABLE's WITH. */
  private static boolean insideWithClause(String before) {
    Matcher with = CREATE_TABLE_WITH.matcher(before);
    if (!with.find()) return false;
    int depth = 1;
    boolean quoted = false;
    for (int i = with.end(); i < before.length(); i++) {
      char c = before.charAt(i);
      if (c == '\'') quoted = !quoted;
      if (quoted) continue;
      if (c == '(') depth++;
      if (c == ')') depth--;
    }
    return depth > 0;
  }

  /** An option key or, after {@code 'key' =}, a value of the few keys whose values are known. */
  private void completeOption(String before, String statement, List<Candidate> candidates) {
    Matcher valueOf = VALUE_OF.matcher(before);
    if (valueOf.find()) {
      String key = valueOf.group(1);
      List<String> values = key.equalsIgnoreCase("connector") ? List.copyOf(connectors.connectors())
          : key.equals(ConnectorCatalog.BOUNDED) ? List.of("true", "false") : List.of();
      for (String value : values) candidates.add(new Candidate("'" + value + "'", value, "value", null, null, null, true));
      return;
    }
    Matcher connector = CONNECTOR_OPTION.matcher(statement);
    if (!connector.find()) {
      String which = "required: " + String.join(", ", connectors.connectors());
      candidates.add(new Candidate("'connector'", "connector", "option", which, null, null, true));
      return;
    }
    Set<String> given = new LinkedHashSet<>();
    Matcher key = OPTION_KEY.matcher(statement);
    while (key.find()) given.add(key.group(1));
    for (ConnectorCatalog.Option option : connectors.options(connector.group(1).trim())) {
      if (given.contains(option.key())) continue;
      if (option.prefix()) {
        candidates.add(new Candidate("'" + option.key(), option.key() + "...", "option", "a family of options", null, null, false));
      } else {
        candidates.add(new Candidate("'" + option.key() + "'", option.key(), option.required() ? "required" : "optional", null,
            null, null, true));
      }
    }
  }

  /** {@code qualifier.column} for the columns of the relation {@code qualifier} names or aliases. */
  private void completeQualifiedColumn(String qualifier, String statement, List<Candidate> candidates) {
    List<String> relations = relations();
    String relation = null;
    for (String name : relations) if (name.equalsIgnoreCase(qualifier)) relation = name;
    if (relation == null) {
      // "FROM clicks AS c" or "FROM clicks c": the word before the alias is the relation.
      Matcher alias = Pattern.compile("(?i)\\b(" + IDENTIFIER.pattern() + ")\\s+(?:AS\\s+)?" + Pattern.quote(qualifier) + "\\b")
          .matcher(statement);
      while (relation == null && alias.find()) {
        for (String name : relations) if (name.equalsIgnoreCase(alias.group(1))) relation = name;
      }
    }
    if (relation == null) return;
    for (String column : columns(List.of(relation))) {
      candidates.add(new Candidate(qualifier + "." + column, column, "column", null, null, null, true));
    }
  }

  /** The relations {@code statement} names; all of them when it names none. */
  private static List<String> namedIn(String statement, List<String> relations) {
    Set<String> words = new LinkedHashSet<>();
    Matcher identifier = IDENTIFIER.matcher(statement);
    while (identifier.find()) words.add(identifier.group().toLowerCase(Locale.ROOT));
    List<String> named = new ArrayList<>();
    for (String relation : relations) if (words.contains(relation.toLowerCase(Locale.ROOT))) named.add(relation);
    return named.isEmpty() ? relations : named;
  }

  private Set<String> columns(List<String> relations) {
    Set<String> columns = new LinkedHashSet<>();
    for (String relation : relations) {
      try {
        columns.addAll(engine.describe(relation).names());
      } catch (RuntimeException e) {
        // a view that no longer plans: no columns to offer
      }
    }
    return columns;
  }

  /** Tables and views, from SHOW: the shell sees the engine only through its statements and API. */
  private List<String> relations() {
    List<String> names = new ArrayList<>();
    names.addAll(firstColumn("SHOW TABLES"));
    names.addAll(firstColumn("SHOW VIEWS"));
    return names;
  }

  /**
   * The functions declared with CREATE FUNCTION, as declared, asked every time; then the built-in
   * ones, which change only with the engine, so they are asked once.
   */
  private List<String> functions() {
    if (builtInFunctions == null) {
      List<String> names = new ArrayList<>();
      for (List<String> row : rows("SHOW FUNCTIONS")) {
        String name = row.get(0);
        // Operators such as "+" are not completed; named functions are.
        boolean named = name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
        if (named && row.size() > 1 && row.get(1).equals("built-in")) names.add(name.toUpperCase(Locale.ROOT));
      }
      builtInFunctions = List.copyOf(new LinkedHashSet<>(names));
    }
    List<String> all = new ArrayList<>(firstColumn("SHOW USER FUNCTIONS"));
    all.addAll(builtInFunctions);
    return all;
  }

  private List<String> firstColumn(String statement) {
    List<String> values = new ArrayList<>();
    for (List<String> row : rows(statement)) if (!row.isEmpty()) values.add(row.get(0));
    return values;
  }

  private List<List<String>> rows(String statement) {
    try {
      StatementResult result = engine.execute(statement);
      return result.rows();
    } catch (RuntimeException e) {
      return List.of();
    }
  }
}

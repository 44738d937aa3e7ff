package io.kiban.tracking.search;

import io.kiban.platform.error.KibanException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses MLflow's search filter and order_by grammar: clauses {@code <entity>.<key> <op> <value>}
 * joined by AND only, keys optionally quoted with backticks or double quotes, string values in
 * single or double quotes, numbers unquoted, and {@code IN ('a', 'b')} lists.
 */
public final class SearchFilterParser {

  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

  private static final Map<String, EntityType> RUN_PREFIXES =
      Map.ofEntries(
          Map.entry("metrics", EntityType.METRIC),
          Map.entry("metric", EntityType.METRIC),
          Map.entry("params", EntityType.PARAM),
          Map.entry("param", EntityType.PARAM),
          Map.entry("parameter", EntityType.PARAM),
          Map.entry("parameters", EntityType.PARAM),
          Map.entry("tags", EntityType.TAG),
          Map.entry("tag", EntityType.TAG),
          Map.entry("attributes", EntityType.ATTRIBUTE),
          Map.entry("attribute", EntityType.ATTRIBUTE),
          Map.entry("attr", EntityType.ATTRIBUTE),
          Map.entry("run", EntityType.ATTRIBUTE),
          Map.entry("datasets", EntityType.DATASET),
          Map.entry("dataset", EntityType.DATASET));

  private static final Map<String, EntityType> EXPERIMENT_PREFIXES =
      Map.of(
          "tags", EntityType.TAG,
          "tag", EntityType.TAG,
          "attributes", EntityType.ATTRIBUTE,
          "attribute", EntityType.ATTRIBUTE,
          "attr", EntityType.ATTRIBUTE);

  private static final Map<String, String> RUN_ATTRIBUTES =
      Map.ofEntries(
          Map.entry("run_id", "run_id"),
          Map.entry("run_name", "run_name"),
          Map.entry("run name", "run_name"),
          Map.entry("status", "status"),
          Map.entry("user_id", "user_id"),
          Map.entry("artifact_uri", "artifact_uri"),
          Map.entry("start_time", "start_time"),
          Map.entry("created", "start_time"),
          Map.entry("Created", "start_time"),
          Map.entry("end_time", "end_time"));

  private static final Set<String> NUMERIC_RUN_ATTRIBUTES = Set.of("start_time", "end_time");
  private static final Set<String> EXPERIMENT_ATTRIBUTES =
      Set.of("name", "creation_time", "last_update_time");
  private static final Set<String> EXPERIMENT_ORDER_KEYS =
      Set.of("name", "experiment_id", "creation_time", "last_update_time");
  private static final Set<String> DATASET_KEYS = Set.of("name", "digest", "context");

  private static final Set<Comparator> NUMERIC_OPS =
      EnumSet.of(
          Comparator.EQ, Comparator.NE, Comparator.LT, Comparator.LE, Comparator.GT, Comparator.GE);
  private static final Set<Comparator> STRING_OPS =
      EnumSet.of(Comparator.EQ, Comparator.NE, Comparator.LIKE, Comparator.ILIKE);
  private static final Set<Comparator> LIST_STRING_OPS =
      EnumSet.of(
          Comparator.EQ,
          Comparator.NE,
          Comparator.LIKE,
          Comparator.ILIKE,
          Comparator.IN,
          Comparator.NOT_IN);

  private SearchFilterParser() {}

  /** Turns one parsed clause into a typed clause, or throws why it is not allowed. */
  private interface ClauseResolver {
    FilterClause resolve(RawKey key, Comparator op, Object value);
  }

  /** Turns one parsed sort key into a typed sort clause. */
  private interface OrderResolver {
    OrderClause resolve(RawKey key, boolean ascending, String item);
  }

  public static List<FilterClause> parseRunFilter(String filter) {
    return parse(filter, (k, op, v) -> resolveClause(k, op, v, true));
  }

  public static List<FilterClause> parseExperimentFilter(String filter) {
    return parse(filter, (k, op, v) -> resolveClause(k, op, v, false));
  }

  public static List<OrderClause> parseRunOrderBy(List<String> orderBy) {
    return parseOrder(orderBy, SearchFilterParser::runOrder);
  }

  public static List<OrderClause> parseExperimentOrderBy(List<String> orderBy) {
    return parseOrder(orderBy, SearchFilterParser::experimentOrder);
  }

  /** Registered models: {@code name} and {@code tags.<key>}, with = != LIKE ILIKE. */
  public static List<FilterClause> parseRegisteredModelFilter(String filter) {
    return parse(filter, SearchFilterParser::registeredModelClause);
  }

  /**
   * Model versions: {@code name}, {@code version_number} (numeric), {@code run_id} (also IN),
   * {@code source_path} and {@code tags.<key>}.
   */
  public static List<FilterClause> parseModelVersionFilter(String filter) {
    return parse(filter, SearchFilterParser::modelVersionClause);
  }

  /**
   * MLflow 3 logged models: {@code name}, {@code model_type}, {@code status}, {@code source_run_id}
   * (strings), {@code creation_timestamp}, {@code last_updated_timestamp} (numbers), {@code
   * tags.<key>} and {@code params.<key>}.
   */
  public static List<FilterClause> parseLoggedModelFilter(String filter) {
    return parse(filter, SearchFilterParser::loggedModelClause);
  }

  private static FilterClause loggedModelClause(RawKey raw, Comparator op, Object value) {
    String prefix = raw.prefix();
    if (prefix != null && (prefix.equals("tags") || prefix.equals("tag"))) {
      return string("tag", raw.key(), op, value, STRING_OPS, EntityType.TAG);
    }
    if (prefix != null && (prefix.equals("params") || prefix.equals("param"))) {
      return string("param", raw.key(), op, value, STRING_OPS, EntityType.PARAM);
    }
    if (prefix == null || prefix.startsWith("attr")) {
      switch (raw.key()) {
        case "name", "model_type", "status", "source_run_id", "model_id" -> {
          return string("attribute", raw.key(), op, value, LIST_STRING_OPS, EntityType.ATTRIBUTE);
        }
        case "creation_timestamp", "last_updated_timestamp" -> {
          return numeric("attribute", raw.key(), op, value, EntityType.ATTRIBUTE);
        }
        default -> {}
      }
    }
    throw KibanException.invalid(
        "Invalid filter key '"
            + raw.text()
            + "': logged models filter on name, model_type, status, source_run_id, model_id,"
            + " creation_timestamp, last_updated_timestamp, tags.<key> and params.<key>");
  }

  /** Registered models sort by name, timestamp or last_updated_timestamp. */
  public static List<OrderClause> parseRegisteredModelOrderBy(List<String> orderBy) {
    return parseOrder(
        orderBy,
        (raw, ascending, item) ->
            attributeOrder(
                raw, ascending, item, Set.of("name", "timestamp", "last_updated_timestamp")));
  }

  /** Model versions sort by name, version_number, creation_timestamp, last_updated_timestamp. */
  public static List<OrderClause> parseModelVersionOrderBy(List<String> orderBy) {
    return parseOrder(
        orderBy,
        (raw, ascending, item) ->
            attributeOrder(
                raw,
                ascending,
                item,
                Set.of("name", "version_number", "creation_timestamp", "last_updated_timestamp")));
  }

  private static OrderClause attributeOrder(
      RawKey raw, boolean ascending, String item, Set<String> keys) {
    if (raw.prefix() != null || !keys.contains(raw.key())) {
      throw KibanException.invalid(
          "Invalid order_by clause '" + item + "': sort by one of " + String.join(", ", keys));
    }
    return new OrderClause(EntityType.ATTRIBUTE, raw.key(), ascending);
  }

  private static FilterClause registeredModelClause(RawKey raw, Comparator op, Object value) {
    if (raw.prefix() != null && (raw.prefix().equals("tags") || raw.prefix().equals("tag"))) {
      return string("tag", raw.key(), op, value, STRING_OPS, EntityType.TAG);
    }
    if (raw.prefix() == null && raw.key().equals("name")) {
      return string("attribute", "name", op, value, STRING_OPS, EntityType.ATTRIBUTE);
    }
    throw KibanException.invalid(
        "Invalid filter key '" + raw.text() + "': registered models filter on name and tags.<key>");
  }

  private static FilterClause modelVersionClause(RawKey raw, Comparator op, Object value) {
    if (raw.prefix() != null && (raw.prefix().equals("tags") || raw.prefix().equals("tag"))) {
      return string("tag", raw.key(), op, value, STRING_OPS, EntityType.TAG);
    }
    if (raw.prefix() == null) {
      switch (raw.key()) {
        case "name", "source_path" -> {
          return string("attribute", raw.key(), op, value, STRING_OPS, EntityType.ATTRIBUTE);
        }
        case "run_id" -> {
          return string("attribute", "run_id", op, value, LIST_STRING_OPS, EntityType.ATTRIBUTE);
        }
        case "version_number" -> {
          return numeric("attribute", "version_number", op, value, EntityType.ATTRIBUTE);
        }
        default -> {}
      }
    }
    throw KibanException.invalid(
        "Invalid filter key '"
            + raw.text()
            + "': model versions filter on name, version_number, run_id, source_path and"
            + " tags.<key>");
  }

  private static List<FilterClause> parse(String filter, ClauseResolver resolver) {
    List<FilterClause> clauses = new ArrayList<>();
    if (filter == null || filter.isBlank()) {
      return clauses;
    }
    Cursor c = new Cursor(filter);
    while (true) {
      c.skipSpace();
      RawKey key = c.readKey();
      c.skipSpace();
      Comparator op = c.readComparator(key.text());
      c.skipSpace();
      Object value = c.readValue(op);
      clauses.add(resolver.resolve(key, op, value));
      c.skipSpace();
      if (c.atEnd()) {
        return clauses;
      }
      String word = c.peekWord();
      if (word.equalsIgnoreCase("AND")) {
        c.advance(word.length());
        c.skipSpace();
        if (c.atEnd()) {
          throw KibanException.invalid(
              "Invalid filter '" + filter + "': a clause must follow the final AND");
        }
        continue;
      }
      if (word.equalsIgnoreCase("OR")) {
        throw KibanException.invalid("Invalid clause(s) in filter string: 'OR'");
      }
      throw KibanException.invalid(
          "Invalid filter '"
              + filter
              + "': expected AND or the end of the filter at '"
              + c.rest()
              + "'");
    }
  }

  private static FilterClause resolveClause(RawKey raw, Comparator op, Object value, boolean runs) {
    EntityType type;
    String key;
    if (raw.prefix() == null) {
      if (runs) {
        throw KibanException.invalid(
            "Invalid identifier '"
                + raw.text()
                + "': prefix it with metrics., params., tags., attributes. or datasets.");
      }
      type = EntityType.ATTRIBUTE;
      key = raw.key();
    } else {
      type = (runs ? RUN_PREFIXES : EXPERIMENT_PREFIXES).get(raw.prefix());
      if (type == null) {
        throw KibanException.invalid(
            "Invalid entity type '"
                + raw.prefix()
                + "' in '"
                + raw.text()
                + "'. Valid prefixes are "
                + (runs
                    ? "metrics, params, tags, attributes and datasets"
                    : "tags and attributes"));
      }
      key = raw.key();
    }
    if (key.isEmpty()) {
      throw KibanException.invalid("Missing key after '" + raw.text() + "'");
    }
    return switch (type) {
      case METRIC -> numeric("metric", key, op, value, EntityType.METRIC);
      case PARAM -> string("param", key, op, value, STRING_OPS, EntityType.PARAM);
      case TAG -> string("tag", key, op, value, STRING_OPS, EntityType.TAG);
      case DATASET -> {
        if (!DATASET_KEYS.contains(key)) {
          throw KibanException.invalid(
              "Invalid dataset key '" + key + "'. Valid keys are name, digest and context");
        }
        yield string("dataset", key, op, value, LIST_STRING_OPS, EntityType.DATASET);
      }
      case ATTRIBUTE -> runs ? runAttribute(key, op, value) : experimentAttribute(key, op, value);
    };
  }

  private static FilterClause runAttribute(String rawKey, Comparator op, Object value) {
    String key = RUN_ATTRIBUTES.get(rawKey);
    if (key == null) {
      throw KibanException.invalid(
          "Invalid attribute key '"
              + rawKey
              + "' specified. Valid keys are run_id, run_name, status, user_id, artifact_uri,"
              + " start_time and end_time");
    }
    if (NUMERIC_RUN_ATTRIBUTES.contains(key)) {
      return numeric("attribute", key, op, value, EntityType.ATTRIBUTE);
    }
    Set<Comparator> allowed = key.equals("run_id") ? LIST_STRING_OPS : STRING_OPS;
    return string("attribute", key, op, value, allowed, EntityType.ATTRIBUTE);
  }

  private static FilterClause experimentAttribute(String key, Comparator op, Object value) {
    if (!EXPERIMENT_ATTRIBUTES.contains(key)) {
      throw KibanException.invalid(
          "Invalid attribute key '"
              + key
              + "' specified. Valid keys are name, creation_time and last_update_time");
    }
    if (key.equals("name")) {
      return string("attribute", key, op, value, STRING_OPS, EntityType.ATTRIBUTE);
    }
    return numeric("attribute", key, op, value, EntityType.ATTRIBUTE);
  }

  private static FilterClause numeric(
      String kind, String key, Comparator op, Object value, EntityType type) {
    if (!NUMERIC_OPS.contains(op)) {
      throw KibanException.invalid(
          "Invalid comparator '"
              + symbol(op)
              + "' for "
              + kind
              + " key '"
              + key
              + "': use one of =, !=, <, <=, >, >=");
    }
    if (!(value instanceof Double)) {
      throw KibanException.invalid(
          "Expected a number for " + kind + " '" + key + "' but got " + describe(value));
    }
    return new FilterClause(type, key, op, value);
  }

  private static FilterClause string(
      String kind,
      String key,
      Comparator op,
      Object value,
      Set<Comparator> allowed,
      EntityType type) {
    if (!allowed.contains(op)) {
      StringBuilder ops = new StringBuilder();
      allowed.forEach(a -> ops.append(ops.isEmpty() ? "" : ", ").append(symbol(a)));
      throw KibanException.invalid(
          "Invalid comparator '"
              + symbol(op)
              + "' for "
              + kind
              + " key '"
              + key
              + "': use one of "
              + ops);
    }
    boolean list = op == Comparator.IN || op == Comparator.NOT_IN;
    if (list && !(value instanceof List<?>)) {
      throw KibanException.invalid(
          "Expected a list such as ('a', 'b') after "
              + symbol(op)
              + " for "
              + kind
              + " '"
              + key
              + "'");
    }
    if (!list && !(value instanceof String)) {
      throw KibanException.invalid(
          "Expected a quoted string for "
              + kind
              + " '"
              + key
              + "' but got "
              + describe(value)
              + ": use single or double quotes");
    }
    return new FilterClause(type, key, op, value);
  }

  private static String describe(Object value) {
    if (value instanceof String s) {
      return "the string '" + s + "'";
    }
    if (value instanceof Double d) {
      return "the number " + d;
    }
    return String.valueOf(value);
  }

  static String symbol(Comparator op) {
    return switch (op) {
      case EQ -> "=";
      case NE -> "!=";
      case LT -> "<";
      case LE -> "<=";
      case GT -> ">";
      case GE -> ">=";
      case LIKE -> "LIKE";
      case ILIKE -> "ILIKE";
      case IN -> "IN";
      case NOT_IN -> "NOT IN";
    };
  }

  private static List<OrderClause> parseOrder(List<String> orderBy, OrderResolver resolver) {
    List<OrderClause> out = new ArrayList<>();
    if (orderBy == null) {
      return out;
    }
    for (String item : orderBy) {
      if (item == null || item.isBlank()) {
        continue;
      }
      Cursor c = new Cursor(item);
      c.skipSpace();
      RawKey raw = c.readKey();
      c.skipSpace();
      boolean ascending = true;
      if (!c.atEnd()) {
        String word = c.peekWord();
        if (word.equalsIgnoreCase("ASC") || word.equalsIgnoreCase("DESC")) {
          ascending = word.equalsIgnoreCase("ASC");
          c.advance(word.length());
          c.skipSpace();
        }
        if (!c.atEnd()) {
          throw KibanException.invalid(
              "Invalid order_by clause '" + item + "': use '<key> [ASC|DESC]'");
        }
      }
      out.add(resolver.resolve(raw, ascending, item));
    }
    return out;
  }

  private static OrderClause runOrder(RawKey raw, boolean ascending, String item) {
    if (raw.prefix() == null) {
      String attribute = RUN_ATTRIBUTES.get(raw.key());
      if (attribute == null) {
        throw KibanException.invalid(
            "Invalid order_by key '"
                + raw.text()
                + "' in '"
                + item
                + "': use metrics.<key>, params.<key>, tags.<key> or attributes.<name>");
      }
      return new OrderClause(EntityType.ATTRIBUTE, attribute, ascending);
    }
    EntityType type = RUN_PREFIXES.get(raw.prefix());
    if (type == null || type == EntityType.DATASET) {
      throw KibanException.invalid(
          "Invalid order_by key '"
              + raw.text()
              + "' in '"
              + item
              + "': use metrics.<key>, params.<key>, tags.<key> or attributes.<name>");
    }
    if (raw.key().isEmpty()) {
      throw KibanException.invalid("Missing key in order_by clause '" + item + "'");
    }
    if (type == EntityType.ATTRIBUTE) {
      String attribute = RUN_ATTRIBUTES.get(raw.key());
      if (attribute == null) {
        throw KibanException.invalid(
            "Invalid attribute key '"
                + raw.key()
                + "' in order_by clause '"
                + item
                + "'. Valid keys are run_id, run_name, status, user_id, artifact_uri, start_time"
                + " and end_time");
      }
      return new OrderClause(type, attribute, ascending);
    }
    return new OrderClause(type, raw.key(), ascending);
  }

  private static OrderClause experimentOrder(RawKey raw, boolean ascending, String item) {
    boolean attributePrefix =
        raw.prefix() == null || EXPERIMENT_PREFIXES.get(raw.prefix()) == EntityType.ATTRIBUTE;
    if (!attributePrefix || !EXPERIMENT_ORDER_KEYS.contains(raw.key())) {
      throw KibanException.invalid(
          "Invalid order_by clause '"
              + item
              + "': experiments sort by name, experiment_id, creation_time or last_update_time");
    }
    return new OrderClause(EntityType.ATTRIBUTE, raw.key(), ascending);
  }

  /** A key as written: its entity prefix (null when there is none) and the key proper. */
  record RawKey(String prefix, String key, String text) {}

  /** Reads tokens from a filter string. */
  private static final class Cursor {
    private final String s;
    private int pos;

    Cursor(String s) {
      this.s = s;
    }

    boolean atEnd() {
      return pos >= s.length();
    }

    String rest() {
      return s.substring(pos);
    }

    void advance(int n) {
      pos += n;
    }

    void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    String peekWord() {
      int end = pos;
      while (end < s.length() && Character.isLetter(s.charAt(end))) {
        end++;
      }
      return s.substring(pos, end);
    }

    private static boolean isKeyChar(char ch) {
      return Character.isLetterOrDigit(ch)
          || ch == '_'
          || ch == '.'
          || ch == '-'
          || ch == '/'
          || ch == ':';
    }

    RawKey readKey() {
      int start = pos;
      if (atEnd()) {
        throw KibanException.invalid("Invalid filter '" + s + "': expected a key");
      }
      char first = s.charAt(pos);
      if (first == '`' || first == '"') {
        String key = readQuoted(first, "key");
        return new RawKey(null, key, s.substring(start, pos));
      }
      int prefixEnd = pos;
      while (prefixEnd < s.length()
          && (Character.isLetterOrDigit(s.charAt(prefixEnd)) || s.charAt(prefixEnd) == '_')) {
        prefixEnd++;
      }
      if (prefixEnd == pos) {
        throw KibanException.invalid(
            "Invalid filter '" + s + "': expected a key at '" + rest() + "'");
      }
      String head = s.substring(pos, prefixEnd);
      pos = prefixEnd;
      if (atEnd() || s.charAt(pos) != '.') {
        return new RawKey(null, head, head);
      }
      pos++;
      if (atEnd()) {
        return new RawKey(head, "", s.substring(start, pos));
      }
      char q = s.charAt(pos);
      String key;
      if (q == '`' || q == '"') {
        key = readQuoted(q, "key");
      } else {
        int keyStart = pos;
        while (pos < s.length() && isKeyChar(s.charAt(pos))) {
          pos++;
        }
        key = s.substring(keyStart, pos);
      }
      return new RawKey(head, key, s.substring(start, pos));
    }

    Comparator readComparator(String key) {
      if (atEnd()) {
        throw KibanException.invalid(
            "Invalid filter '" + s + "': expected a comparator after '" + key + "'");
      }
      char ch = s.charAt(pos);
      if (ch == '!' && s.startsWith("!=", pos)) {
        pos += 2;
        return Comparator.NE;
      }
      if (ch == '<' || ch == '>') {
        boolean eq = s.startsWith("=", pos + 1);
        pos += eq ? 2 : 1;
        if (ch == '<') {
          return eq ? Comparator.LE : Comparator.LT;
        }
        return eq ? Comparator.GE : Comparator.GT;
      }
      if (ch == '=') {
        pos += s.startsWith("==", pos) ? 2 : 1;
        return Comparator.EQ;
      }
      String word = peekWord().toUpperCase(Locale.ROOT);
      switch (word) {
        case "LIKE" -> {
          advance(4);
          return Comparator.LIKE;
        }
        case "ILIKE" -> {
          advance(5);
          return Comparator.ILIKE;
        }
        case "IN" -> {
          advance(2);
          return Comparator.IN;
        }
        case "NOT" -> {
          int save = pos;
          advance(3);
          skipSpace();
          if (peekWord().equalsIgnoreCase("IN")) {
            advance(2);
            return Comparator.NOT_IN;
          }
          pos = save;
        }
        default -> {}
      }
      throw KibanException.invalid(
          "Invalid comparator at '"
              + rest()
              + "' after '"
              + key
              + "': use one of =, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN");
    }

    Object readValue(Comparator op) {
      if (atEnd()) {
        throw KibanException.invalid(
            "Invalid filter '" + s + "': expected a value after " + symbol(op));
      }
      char ch = s.charAt(pos);
      if (ch == '\'' || ch == '"') {
        return readQuoted(ch, "string");
      }
      if (ch == '(') {
        return readList();
      }
      int start = pos;
      while (pos < s.length() && !Character.isWhitespace(s.charAt(pos)) && s.charAt(pos) != ')') {
        pos++;
      }
      String token = s.substring(start, pos);
      if (NUMBER.matcher(token).matches()) {
        return Double.valueOf(token);
      }
      throw KibanException.invalid(
          "Invalid value '"
              + token
              + "' in filter: strings must be in single or double quotes, numbers unquoted");
    }

    private List<String> readList() {
      pos++;
      List<String> values = new ArrayList<>();
      while (true) {
        skipSpace();
        if (atEnd()) {
          throw KibanException.invalid("Unterminated value list in filter '" + s + "'");
        }
        char ch = s.charAt(pos);
        if (ch == ')' && values.isEmpty()) {
          throw KibanException.invalid(
              "Empty value list in filter '" + s + "': IN needs at least one value");
        }
        if (ch != '\'' && ch != '"') {
          throw KibanException.invalid(
              "Invalid value list in filter '" + s + "': values must be quoted strings");
        }
        values.add(readQuoted(ch, "string"));
        skipSpace();
        if (atEnd()) {
          throw KibanException.invalid("Unterminated value list in filter '" + s + "'");
        }
        ch = s.charAt(pos);
        pos++;
        if (ch == ')') {
          return values;
        }
        if (ch != ',') {
          throw KibanException.invalid(
              "Invalid value list in filter '" + s + "': expected ',' or ')'");
        }
      }
    }

    /** Reads a quoted token; the quote is escaped by doubling it or with a backslash. */
    private String readQuoted(char quote, String what) {
      int start = pos;
      pos++;
      StringBuilder out = new StringBuilder();
      while (pos < s.length()) {
        char ch = s.charAt(pos);
        if (ch == '\\' && pos + 1 < s.length()) {
          out.append(s.charAt(pos + 1));
          pos += 2;
          continue;
        }
        if (ch == quote) {
          if (pos + 1 < s.length() && s.charAt(pos + 1) == quote) {
            out.append(quote);
            pos += 2;
            continue;
          }
          pos++;
          return out.toString();
        }
        out.append(ch);
        pos++;
      }
      throw KibanException.invalid(
          "Unterminated " + what + " starting at '" + s.substring(start) + "' in filter");
    }
  }
}

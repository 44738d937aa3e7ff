package io.kiban.tracking;

import io.kiban.tracking.search.Comparator;
import io.kiban.tracking.search.FilterClause;
import java.util.List;

/** Turns a parsed filter clause into a SQL comparison on one column. */
final class SqlPredicates {

  private SqlPredicates() {}

  static void compare(SqlParams q, String column, FilterClause clause) {
    Comparator op = clause.comparator();
    Object value = clause.value();
    switch (op) {
      case ILIKE -> q.append("LOWER(" + column + ") LIKE LOWER(?)", value);
      case IN, NOT_IN -> {
        q.append(column + " " + op.sql() + " ");
        q.inList((List<?>) value);
      }
      default -> q.append(column + " " + op.sql() + " ?", value);
    }
  }
}

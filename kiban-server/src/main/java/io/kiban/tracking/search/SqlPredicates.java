package io.kiban.tracking.search;

import io.kiban.platform.db.SqlParams;
import java.util.List;

/** Turns a parsed filter clause into a SQL comparison on one column. */
public final class SqlPredicates {

  private SqlPredicates() {}

  public static void compare(SqlParams q, String column, FilterClause clause) {
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

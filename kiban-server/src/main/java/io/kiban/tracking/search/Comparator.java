package io.kiban.tracking.search;

/** Comparison operators of MLflow's search grammar. */
public enum Comparator {
  EQ("="),
  NE("<>"),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">="),
  LIKE("LIKE"),
  ILIKE("LIKE"),
  IN("IN"),
  NOT_IN("NOT IN");

  private final String sql;

  Comparator(String sql) {
    this.sql = sql;
  }

  /** The SQL operator; ILIKE is written as LIKE over lower-cased operands by the caller. */
  public String sql() {
    return sql;
  }
}

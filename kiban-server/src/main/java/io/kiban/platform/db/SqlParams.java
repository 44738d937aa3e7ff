package io.kiban.platform.db;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A SQL fragment and its positional parameters, built up clause by clause. */
public final class SqlParams {

  private final StringBuilder sql = new StringBuilder();
  private final List<Object> params = new ArrayList<>();

  public String sql() {
    return sql.toString();
  }

  public List<Object> params() {
    return params;
  }

  public SqlParams append(String fragment, Object... values) {
    sql.append(fragment);
    params.addAll(List.of(values));
    return this;
  }

  /** Appends {@code (?, ?, ...)} for the values. */
  public SqlParams inList(Collection<?> values) {
    sql.append('(');
    int i = 0;
    for (Object v : values) {
      sql.append(i++ == 0 ? "?" : ", ?");
      params.add(v);
    }
    sql.append(')');
    return this;
  }

  public static String placeholders(int n) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "?" : ", ?");
    }
    return sb.append(')').toString();
  }
}

package io.kiban.tracking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A SQL fragment and its positional parameters, built up clause by clause. */
final class SqlParams {

  final StringBuilder sql = new StringBuilder();
  final List<Object> params = new ArrayList<>();

  SqlParams append(String fragment, Object... values) {
    sql.append(fragment);
    params.addAll(List.of(values));
    return this;
  }

  /** Appends {@code (?, ?, ...)} for the values. */
  SqlParams inList(Collection<?> values) {
    sql.append('(');
    int i = 0;
    for (Object v : values) {
      sql.append(i++ == 0 ? "?" : ", ?");
      params.add(v);
    }
    sql.append(')');
    return this;
  }

  static String placeholders(int n) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "?" : ", ?");
    }
    return sb.append(')').toString();
  }
}

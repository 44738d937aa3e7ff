package io.kiban.tracking;

import io.kiban.platform.db.SqlParams;
import io.kiban.platform.error.KibanException;
import io.kiban.tracking.search.FilterClause;
import io.kiban.tracking.search.OrderClause;
import io.kiban.tracking.search.SqlPredicates;
import java.util.Collection;
import java.util.List;

/**
 * Builds the SQL of a run search: filters become EXISTS sub-queries on the latest-metric, param,
 * tag and dataset tables; sort keys become left joins; paging is done by the database.
 */
final class RunSearchSql {

  private RunSearchSql() {}

  static SqlParams build(
      Collection<Long> experimentIds,
      ViewType viewType,
      List<FilterClause> clauses,
      List<OrderClause> orders,
      int limit,
      long offset) {
    SqlParams q = new SqlParams();
    q.append("SELECT " + RunRepository.INFO_COLUMNS + " FROM run r");
    StringBuilder orderSql = new StringBuilder();
    boolean startTimeOrdered = false;
    boolean runIdOrdered = false;
    for (int i = 0; i < orders.size(); i++) {
      OrderClause order = orders.get(i);
      String column;
      switch (order.type()) {
        case METRIC -> {
          q.append(
              " LEFT JOIN metric_series o"
                  + i
                  + " ON o"
                  + i
                  + ".run_uuid = r.run_uuid AND o"
                  + i
                  + ".metric_key = ?",
              order.key());
          column = "o" + i + ".last_value";
        }
        case PARAM -> {
          q.append(
              " LEFT JOIN run_param o"
                  + i
                  + " ON o"
                  + i
                  + ".run_uuid = r.run_uuid AND o"
                  + i
                  + ".param_key = ?",
              order.key());
          column = "o" + i + ".param_value";
        }
        case TAG -> {
          q.append(
              " LEFT JOIN run_tag o"
                  + i
                  + " ON o"
                  + i
                  + ".run_uuid = r.run_uuid AND o"
                  + i
                  + ".tag_key = ?",
              order.key());
          column = "o" + i + ".tag_value";
        }
        case ATTRIBUTE -> {
          column = attributeColumn(order.key());
          startTimeOrdered |= column.equals("r.start_time");
          runIdOrdered |= column.equals("r.run_uuid");
        }
        default -> throw KibanException.invalid("Invalid order_by key '" + order.key() + "'");
      }
      // Runs without the key sort last in both directions, as in MLflow.
      orderSql
          .append("CASE WHEN ")
          .append(column)
          .append(" IS NULL THEN 1 ELSE 0 END, ")
          .append(column)
          .append(order.ascending() ? " ASC, " : " DESC, ");
    }
    q.append(" WHERE r.experiment_id IN ").inList(experimentIds);
    q.append(" AND " + viewType.sqlCondition("r.lifecycle_stage"));
    for (FilterClause clause : clauses) {
      q.append(" AND ");
      appendClause(q, clause);
    }
    if (!startTimeOrdered) {
      orderSql.append("r.start_time DESC, ");
    }
    if (!runIdOrdered) {
      orderSql.append("r.run_uuid ASC, ");
    }
    orderSql.setLength(orderSql.length() - 2);
    q.append(" ORDER BY " + orderSql);
    q.append(" LIMIT ? OFFSET ?", limit, offset);
    return q;
  }

  private static void appendClause(SqlParams q, FilterClause clause) {
    switch (clause.type()) {
      case METRIC -> {
        q.append(
            "EXISTS (SELECT 1 FROM metric_series s WHERE s.run_uuid = r.run_uuid"
                + " AND s.metric_key = ? AND ",
            clause.key());
        SqlPredicates.compare(q, "s.last_value", clause);
        q.append(")");
      }
      case PARAM -> {
        q.append(
            "EXISTS (SELECT 1 FROM run_param p WHERE p.run_uuid = r.run_uuid"
                + " AND p.param_key = ? AND ",
            clause.key());
        SqlPredicates.compare(q, "p.param_value", clause);
        q.append(")");
      }
      case TAG -> {
        q.append(
            "EXISTS (SELECT 1 FROM run_tag t WHERE t.run_uuid = r.run_uuid"
                + " AND t.tag_key = ? AND ",
            clause.key());
        SqlPredicates.compare(q, "t.tag_value", clause);
        q.append(")");
      }
      case ATTRIBUTE -> SqlPredicates.compare(q, attributeColumn(clause.key()), clause);
      case DATASET -> {
        if (clause.key().equals("context")) {
          q.append(
              "EXISTS (SELECT 1 FROM run_input_tag it WHERE it.run_uuid = r.run_uuid"
                  + " AND it.tag_key = ? AND ",
              MlflowTags.DATASET_CONTEXT);
          SqlPredicates.compare(q, "it.tag_value", clause);
        } else {
          q.append(
              "EXISTS (SELECT 1 FROM run_input i JOIN dataset d ON d.dataset_id = i.dataset_id"
                  + " WHERE i.run_uuid = r.run_uuid AND ");
          SqlPredicates.compare(q, datasetColumn(clause.key()), clause);
        }
        q.append(")");
      }
    }
  }

  private static String attributeColumn(String key) {
    return switch (key) {
      case "run_id" -> "r.run_uuid";
      case "run_name" -> "r.run_name";
      case "status" -> "r.status";
      case "user_id" -> "r.user_id";
      case "artifact_uri" -> "r.artifact_uri";
      case "start_time" -> "r.start_time";
      case "end_time" -> "r.end_time";
      default -> throw KibanException.invalid("Invalid run attribute '" + key + "'");
    };
  }

  private static String datasetColumn(String key) {
    return switch (key) {
      case "name" -> "d.name";
      case "digest" -> "d.digest";
      default -> throw KibanException.invalid("Invalid dataset attribute '" + key + "'");
    };
  }
}

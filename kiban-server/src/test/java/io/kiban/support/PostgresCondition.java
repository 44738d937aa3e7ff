package io.kiban.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** See {@link RequiresPostgres}. */
public final class PostgresCondition implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (System.getenv("CI") != null) {
      return ConditionEvaluationResult.enabled("CI runs every PostgreSQL suite");
    }
    if (TestDatabases.postgresReachable()) {
      return ConditionEvaluationResult.enabled("PostgreSQL reachable");
    }
    String message =
        "!!! PostgreSQL is not reachable at "
            + TestDatabases.POSTGRES_URL
            + ": SKIPPING "
            + context.getDisplayName()
            + ". These tests run in CI; start PostgreSQL to run them here. !!!";
    System.err.println(message);
    return ConditionEvaluationResult.disabled(message);
  }
}

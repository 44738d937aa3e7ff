package io.kiban.workflow;

import io.kiban.support.RequiresPostgres;
import io.kiban.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The workflow suite (approvals, incidents, tasks) on PostgreSQL. */
@RequiresPostgres
class WorkflowPostgresIT extends AbstractWorkflowIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.postgres(registry);
  }
}

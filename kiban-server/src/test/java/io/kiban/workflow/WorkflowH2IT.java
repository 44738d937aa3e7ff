package io.kiban.workflow;

import io.kiban.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The workflow suite (approvals, incidents, tasks) on H2. */
class WorkflowH2IT extends AbstractWorkflowIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }
}

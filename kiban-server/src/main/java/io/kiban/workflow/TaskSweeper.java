package io.kiban.workflow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks for overdue reviews, reassessments and requirements and for high residual risks on a
 * schedule (hourly by default), so their tasks appear without anyone asking.
 */
@Component
class TaskSweeper {

  private static final Logger LOG = LoggerFactory.getLogger(TaskSweeper.class);

  private final TaskService tasks;

  TaskSweeper(TaskService tasks) {
    this.tasks = tasks;
  }

  @Scheduled(
      fixedDelayString = "${kiban.tasks.sweep-millis:3600000}",
      initialDelayString = "${kiban.tasks.sweep-initial-delay-millis:60000}")
  void sweep() {
    try {
      int created = tasks.sweep();
      if (created > 0) {
        LOG.info(
            "Created {} remediation task(s) from overdue reviews, requirements and risks", created);
      }
    } catch (RuntimeException e) {
      LOG.warn("The remediation task sweep failed; it runs again at the next interval", e);
    }
  }
}

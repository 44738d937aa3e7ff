package io.kiban.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.kiban.workflow.TaskService;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Remediation tasks: manual and created by Kiban, with the overdue lists. */
@RestController
@RequestMapping(path = "/api/kiban/v1/tasks", produces = "application/json")
class TaskController {

  record TaskBody(
      String title,
      String description,
      @JsonProperty("use_case") String useCase,
      String assignee,
      @JsonProperty("due_date") String dueDate,
      String status,
      String note) {

    TaskService.Input input() {
      return new TaskService.Input(title, description, useCase, assignee, dueDate, status, note);
    }
  }

  private final TaskService tasks;

  TaskController(TaskService tasks) {
    this.tasks = tasks;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  TaskService.Task create(@RequestBody TaskBody body) {
    return tasks.create(body.input());
  }

  @GetMapping
  List<TaskService.Task> list(
      @RequestParam(required = false) String assignee,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "false") boolean overdue,
      @RequestParam(name = "use_case", required = false) String useCase,
      @RequestParam(required = false) String source) {
    return tasks.list(assignee, status, overdue, useCase, source);
  }

  @GetMapping("/{id}")
  TaskService.Task get(@PathVariable long id) {
    return tasks.get(id);
  }

  @PatchMapping("/{id}")
  TaskService.Task update(@PathVariable long id, @RequestBody TaskBody body) {
    return tasks.update(id, body.input());
  }

  /** Runs the sweep for overdue reviews, requirements and high residual risks now. */
  @PostMapping("/sweep")
  Map<String, Integer> sweep() {
    return Map.of("created", tasks.sweepOnRequest());
  }
}

package io.kiban.api;

import io.kiban.platform.error.KibanException;
import io.kiban.registry.RegistryEvent;
import io.kiban.registry.RegistryService;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Kiban's own API for the registry history MLflow does not keep: every change of a model and its
 * versions, and the state (aliases, stages) at any past moment.
 */
@RestController
@RequestMapping(path = "/api/kiban/v1/registered-models", produces = "application/json")
class RegistryHistoryController {

  private final RegistryService registry;

  RegistryHistoryController(RegistryService registry) {
    this.registry = registry;
  }

  @GetMapping("/{name}/history")
  Map<String, List<RegistryEvent>> history(
      @PathVariable String name, @RequestParam(required = false) Integer version) {
    return Map.of("events", registry.history(name, version));
  }

  @GetMapping("/{name}/versions/{version}/history")
  Map<String, List<RegistryEvent>> versionHistory(
      @PathVariable String name, @PathVariable int version) {
    return Map.of("events", registry.history(name, version));
  }

  /** {@code at}: epoch milliseconds or an ISO-8601 instant such as 2026-11-01T00:00:00Z. */
  @GetMapping("/{name}/state")
  RegistryService.StateAt state(@PathVariable String name, @RequestParam String at) {
    return registry.stateAt(name, parseInstant(at));
  }

  static long parseInstant(String at) {
    String value = at.strip();
    try {
      return value.chars().allMatch(Character::isDigit)
          ? Long.parseLong(value)
          : Instant.parse(value).toEpochMilli();
    } catch (NumberFormatException | DateTimeParseException e) {
      throw KibanException.invalid(
          "Invalid time '"
              + at
              + "': use epoch milliseconds or ISO-8601 like 2026-11-01T00:00:00Z");
    }
  }
}

package io.kiban.api;

import io.kiban.registry.LineageService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/kiban/v1/lineage?node=run:<id>&direction=both&depth=3}: the lineage graph around
 * a dataset, run, logged model or model version.
 */
@RestController
class LineageController {

  private final LineageService lineage;

  LineageController(LineageService lineage) {
    this.lineage = lineage;
  }

  @GetMapping(path = "/api/kiban/v1/lineage", produces = "application/json")
  LineageService.Graph graph(
      @RequestParam String node,
      @RequestParam(defaultValue = "both") String direction,
      @RequestParam(defaultValue = "3") int depth) {
    return lineage.graph(node, LineageService.Direction.parse(direction), depth);
  }
}

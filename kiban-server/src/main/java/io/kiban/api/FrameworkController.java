package io.kiban.api;

import io.kiban.governance.framework.FrameworkDefinition;
import io.kiban.governance.framework.FrameworkService;
import io.kiban.platform.error.KibanException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The framework library: frameworks, requirements, crosswalks, imports. */
@RestController
@RequestMapping(path = "/api/kiban/v1", produces = "application/json")
class FrameworkController {

  private final FrameworkService frameworks;

  FrameworkController(FrameworkService frameworks) {
    this.frameworks = frameworks;
  }

  @GetMapping("/frameworks")
  List<FrameworkService.Framework> list() {
    return frameworks.list();
  }

  @GetMapping("/frameworks/{key}")
  Map<String, Object> framework(
      @PathVariable String key, @RequestParam(required = false) String version) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("framework", frameworks.get(key, version));
    body.put("requirements", frameworks.requirements(key, version));
    return body;
  }

  @GetMapping("/frameworks/{key}/requirements/{id}")
  Map<String, Object> requirement(@PathVariable String key, @PathVariable String id) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("requirement", frameworks.requirement(key, id));
    body.put("mappings", frameworks.mappingsOf(key, id));
    body.put("satisfied_via", frameworks.satisfiedVia(key, id));
    return body;
  }

  @GetMapping("/crosswalks")
  List<FrameworkService.Mapping> crosswalk(@RequestParam String from, @RequestParam String to) {
    return frameworks.crosswalk(from, to);
  }

  /**
   * Imports a framework: JSON or YAML in the catalog format, or CSV with the key, version and names
   * given as parameters.
   */
  @PostMapping(
      path = "/frameworks/import",
      consumes = {
        "application/json",
        "application/yaml",
        "application/x-yaml",
        "text/yaml",
        "text/csv"
      })
  @ResponseStatus(HttpStatus.CREATED)
  FrameworkService.Framework importFramework(
      @RequestBody byte[] content,
      @RequestHeader("Content-Type") String type,
      @RequestParam(required = false) String key,
      @RequestParam(required = false) String version,
      @RequestParam(name = "name_ja", required = false) String nameJa,
      @RequestParam(name = "name_en", required = false) String nameEn) {
    String text = new String(content, StandardCharsets.UTF_8);
    String t = type.toLowerCase(java.util.Locale.ROOT);
    FrameworkDefinition def;
    if (t.startsWith("application/json")) {
      def = FrameworkDefinition.fromJson(text);
    } else if (t.contains("yaml")) {
      def = FrameworkDefinition.fromYaml(text);
    } else if (t.startsWith("text/csv")) {
      def = FrameworkDefinition.fromCsv(key, version, nameJa, nameEn, text);
    } else {
      throw KibanException.invalid("Send JSON, YAML or CSV.");
    }
    return frameworks.importFramework(def);
  }

  @PostMapping(path = "/crosswalks/import", consumes = "application/json")
  Map<String, Object> importCrosswalk(@RequestBody String json) {
    return Map.of("imported", frameworks.importMappings(json));
  }
}

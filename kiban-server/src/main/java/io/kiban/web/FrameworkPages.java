package io.kiban.web;

import io.kiban.governance.framework.FrameworkService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The framework browser: frameworks, their requirement trees, requirements with crosswalks. */
@Controller
class FrameworkPages {

  private final FrameworkService frameworks;

  FrameworkPages(FrameworkService frameworks) {
    this.frameworks = frameworks;
  }

  @GetMapping("/frameworks")
  String list(Model model) {
    model.addAttribute("frameworks", frameworks.list());
    return "frameworks";
  }

  @GetMapping("/frameworks/{key}")
  String framework(
      @PathVariable String key, @RequestParam(required = false) String version, Model model) {
    model.addAttribute("framework", frameworks.get(key, version));
    model.addAttribute("requirements", frameworks.requirements(key, version));
    return "framework";
  }

  @GetMapping("/frameworks/{key}/requirements/{id}")
  String requirement(@PathVariable String key, @PathVariable String id, Model model) {
    model.addAttribute("framework", frameworks.get(key, null));
    model.addAttribute("requirement", frameworks.requirement(key, id));
    model.addAttribute("mappings", frameworks.mappingsOf(key, id));
    model.addAttribute("satisfiedVia", frameworks.satisfiedVia(key, id));
    return "requirement";
  }
}

package io.kiban.web;

import io.kiban.governance.framework.FrameworkService;
import io.kiban.governance.inventory.InventoryService;
import io.kiban.governance.soa.SoaService;
import io.kiban.platform.error.KibanException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Statement of Applicability screens: the statement with its gap analysis, one line. */
@Controller
class SoaPages {

  private final SoaService soa;
  private final FrameworkService frameworks;
  private final InventoryService inventory;
  private final UiMessages messages;

  SoaPages(
      SoaService soa,
      FrameworkService frameworks,
      InventoryService inventory,
      UiMessages messages) {
    this.soa = soa;
    this.frameworks = frameworks;
    this.inventory = inventory;
    this.messages = messages;
  }

  @GetMapping("/soa")
  String statement(
      @RequestParam(defaultValue = "iso42001") String framework,
      @RequestParam(defaultValue = "org") String scope,
      Model model) {
    model.addAttribute("framework", framework);
    model.addAttribute("scope", scope);
    model.addAttribute("frameworks", frameworks.list());
    model.addAttribute("useCases", inventory.list(null, null, null));
    model.addAttribute("lines", soa.statement(framework, scope));
    model.addAttribute("gap", soa.gap(framework, scope));
    model.addAttribute("statuses", SoaService.STATUSES);
    model.addAttribute("kinds", SoaService.EVIDENCE_KINDS);
    return "soa";
  }

  @PostMapping("/soa/line")
  String set(
      @RequestParam String scope,
      @RequestParam String framework,
      @RequestParam String requirement,
      @RequestParam(defaultValue = "true") boolean applicable,
      @RequestParam(defaultValue = "") String justification,
      @RequestParam(defaultValue = "") String status,
      @RequestParam(defaultValue = "") String owner,
      @RequestParam(defaultValue = "") String reviewer,
      @RequestParam(defaultValue = "") String dueDate,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () ->
            soa.set(
                scope,
                framework,
                requirement,
                new SoaService.Input(
                    applicable, justification, status, owner, reviewer, dueDate, null)),
        "soa.saved",
        back(framework, scope, requirement));
  }

  @PostMapping("/soa/evidence")
  String evidence(
      @RequestParam String scope,
      @RequestParam String framework,
      @RequestParam String requirement,
      @RequestParam(defaultValue = "link") String kind,
      @RequestParam(defaultValue = "") String reference,
      @RequestParam(required = false) MultipartFile file,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> {
          if (file != null && !file.isEmpty()) {
            try (InputStream in = file.getInputStream()) {
              soa.addDocument(scope, framework, requirement, file.getOriginalFilename(), in);
            } catch (IOException e) {
              throw KibanException.invalid("The file could not be read.");
            }
          } else {
            soa.addEvidence(scope, framework, requirement, kind, reference, null);
          }
        },
        "soa.evidenceSaved",
        back(framework, scope, requirement));
  }

  static String back(String framework, String scope, String requirement) {
    return "/soa?framework="
        + URLEncoder.encode(framework, StandardCharsets.UTF_8)
        + "&scope="
        + URLEncoder.encode(scope, StandardCharsets.UTF_8)
        + "#req-"
        + URLEncoder.encode(requirement, StandardCharsets.UTF_8)
            .replace("+", "-")
            .replace("%", "-");
  }
}

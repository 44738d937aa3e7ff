package io.kiban.web;

import io.kiban.governance.inventory.InventoryService;
import io.kiban.governance.risk.Risk;
import io.kiban.governance.risk.RiskCodes;
import io.kiban.governance.risk.RiskInput;
import io.kiban.governance.risk.RiskService;
import io.kiban.platform.error.KibanException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The risk register screens: list with heat map, risk page with acceptance, form. */
@Controller
class RiskPages {

  /** The risk form; controls as one requirement reference per line. */
  record RiskForm(
      String useCase,
      String model,
      String title,
      String description,
      String principle,
      String characteristic,
      String lifecyclePhase,
      Integer likelihood,
      Integer impact,
      String treatment,
      String treatmentPlan,
      Integer residualLikelihood,
      Integer residualImpact,
      String owner,
      String reviewDate,
      String status,
      String controls) {

    RiskInput input() {
      List<String> refs =
          controls == null
              ? List.of()
              : Arrays.stream(controls.split("\\R"))
                  .map(String::strip)
                  .filter(s -> !s.isEmpty())
                  .toList();
      return new RiskInput(
          useCase,
          model,
          title,
          description,
          principle,
          characteristic,
          lifecyclePhase,
          likelihood,
          impact,
          treatment,
          treatmentPlan,
          residualLikelihood,
          residualImpact,
          owner,
          reviewDate,
          status,
          refs);
    }
  }

  private final RiskService risks;
  private final InventoryService inventory;
  private final UiMessages messages;

  RiskPages(RiskService risks, InventoryService inventory, UiMessages messages) {
    this.risks = risks;
    this.inventory = inventory;
    this.messages = messages;
  }

  @ModelAttribute("riskCodes")
  Map<String, List<String>> codes() {
    return Map.of(
        "principle", RiskCodes.PRINCIPLES,
        "characteristic", RiskCodes.CHARACTERISTICS,
        "phase", RiskCodes.PHASES,
        "treatment", RiskCodes.TREATMENTS,
        "status", RiskCodes.STATUSES);
  }

  @GetMapping("/risks")
  String list(
      @RequestParam(name = "use_case", defaultValue = "") String useCase,
      @RequestParam(defaultValue = "") String status,
      Model model) {
    model.addAttribute("useCase", useCase);
    model.addAttribute("status", status);
    model.addAttribute("risks", risks.list(useCase, status, null));
    model.addAttribute("heat", risks.heatMap(useCase.isBlank() ? null : useCase));
    model.addAttribute("trend", risks.trend(useCase.isBlank() ? null : useCase, 30));
    return "risks";
  }

  @GetMapping("/risks/new")
  String newForm(@RequestParam(name = "use_case", defaultValue = "") String useCase, Model model) {
    return form(model, null, useCase);
  }

  @GetMapping("/risks/{id}")
  String detail(@PathVariable long id, Model model) {
    model.addAttribute("risk", risks.get(id));
    return "risk";
  }

  @GetMapping("/risks/{id}/edit")
  String edit(@PathVariable long id, Model model) {
    return form(model, risks.get(id), null);
  }

  private String form(Model model, Risk risk, String useCase) {
    model.addAttribute("risk", risk);
    model.addAttribute("useCase", risk != null ? risk.useCaseKey() : useCase);
    model.addAttribute("useCases", inventory.list(null, null, null));
    model.addAttribute("size", risks.matrix().size());
    model.addAttribute("controlsText", risk == null ? "" : String.join("\n", risk.controls()));
    return "risk-form";
  }

  @PostMapping("/risks")
  String create(RiskForm form, Model model, RedirectAttributes flash) {
    try {
      Risk created = risks.create(form.input());
      flash.addFlashAttribute("notice", messages.get("risk.saved"));
      return "redirect:/risks/" + created.riskId();
    } catch (KibanException e) {
      model.addAttribute("error", messages.explain(e));
      return form(model, null, form.useCase());
    }
  }

  @PostMapping("/risks/{id}")
  String update(@PathVariable long id, RiskForm form, Model model, RedirectAttributes flash) {
    try {
      risks.update(id, form.input());
      flash.addFlashAttribute("notice", messages.get("risk.saved"));
      return "redirect:/risks/" + id;
    } catch (KibanException e) {
      model.addAttribute("error", messages.explain(e));
      return form(model, risks.get(id), null);
    }
  }

  @PostMapping("/risks/{id}/accept")
  String accept(
      @PathVariable long id,
      @RequestParam(defaultValue = "") String rationale,
      RedirectAttributes flash) {
    return messages.act(
        flash, () -> risks.accept(id, rationale), "risk.acceptedNotice", "/risks/" + id);
  }
}

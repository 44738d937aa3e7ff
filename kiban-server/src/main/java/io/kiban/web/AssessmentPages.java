package io.kiban.web;

import io.kiban.governance.assessment.AssessmentService;
import io.kiban.governance.inventory.InventoryService;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.error.LineErrors;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The impact assessment of a use case: the questionnaire, submissions and their review. */
@Controller
class AssessmentPages {

  private final AssessmentService assessments;
  private final InventoryService inventory;
  private final UiMessages messages;

  AssessmentPages(AssessmentService assessments, InventoryService inventory, UiMessages messages) {
    this.assessments = assessments;
    this.inventory = inventory;
    this.messages = messages;
  }

  @GetMapping("/inventory/{key}/assessment")
  String page(@PathVariable String key, Model model) {
    model.addAttribute("useCase", inventory.get(key));
    model.addAttribute("template", assessments.template(AssessmentService.SHIPPED, null));
    model.addAttribute("submissions", assessments.list(key));
    model.addAttribute("url", InventoryPages.url(key) + "/assessment");
    return "assessment";
  }

  @PostMapping("/inventory/{key}/assessment")
  String submit(
      @PathVariable String key, @RequestParam Map<String, String> form, RedirectAttributes flash) {
    Map<String, String> answers = new HashMap<>(form);
    answers.remove("_csrf");
    String reassessBy = answers.remove("reassess_by");
    try {
      assessments.submit(key, AssessmentService.SHIPPED, null, answers, reassessBy);
      flash.addFlashAttribute("notice", messages.get("aiia.submitted"));
    } catch (LineErrors e) {
      flash.addFlashAttribute("error", messages.explain(e));
      flash.addFlashAttribute("answerErrors", e.errors());
    } catch (KibanException e) {
      flash.addFlashAttribute("error", messages.explain(e));
    }
    return "redirect:" + InventoryPages.url(key) + "/assessment";
  }

  @PostMapping("/inventory/{key}/assessment/{id}/review")
  String review(
      @PathVariable String key,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String decision,
      @RequestParam(defaultValue = "") String comment,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> assessments.review(id, decision, comment),
        "aiia.reviewed",
        InventoryPages.url(key) + "/assessment");
  }
}

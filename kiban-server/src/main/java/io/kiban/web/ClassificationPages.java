package io.kiban.web;

import io.kiban.governance.classification.ClassificationService;
import io.kiban.governance.classification.EuAiActQuestionnaire;
import io.kiban.governance.inventory.InventoryService;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.error.LineErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The classification wizard of a use case: EU AI Act questions, result with rationale, tiers. */
@Controller
class ClassificationPages {

  private final ClassificationService classifications;
  private final InventoryService inventory;
  private final UiMessages messages;

  ClassificationPages(
      ClassificationService classifications, InventoryService inventory, UiMessages messages) {
    this.classifications = classifications;
    this.inventory = inventory;
    this.messages = messages;
  }

  @GetMapping("/inventory/{key}/classification")
  String page(@PathVariable String key, Model model) {
    model.addAttribute("useCase", inventory.get(key));
    model.addAttribute("questions", EuAiActQuestionnaire.QUESTIONS);
    model.addAttribute("history", classifications.history(key));
    model.addAttribute("tiers", classifications.internalTiers(key));
    model.addAttribute("url", InventoryPages.url(key) + "/classification");
    return "classification";
  }

  @PostMapping("/inventory/{key}/classification")
  String classify(
      @PathVariable String key,
      @RequestParam MultiValueMap<String, String> form,
      RedirectAttributes flash) {
    Map<String, Object> answers = new HashMap<>();
    for (EuAiActQuestionnaire.Question q : EuAiActQuestionnaire.QUESTIONS) {
      if (q.kind() == EuAiActQuestionnaire.Kind.CHOOSE_MANY) {
        List<String> chosen = new ArrayList<>(form.getOrDefault(q.id(), List.of()));
        chosen.removeIf(String::isBlank);
        answers.put(q.id(), chosen);
      } else if (form.getFirst(q.id()) != null && !form.getFirst(q.id()).isBlank()) {
        answers.put(q.id(), form.getFirst(q.id()));
      }
    }
    try {
      classifications.classify(key, answers);
      flash.addFlashAttribute("notice", messages.get("cls.saved"));
    } catch (LineErrors e) {
      flash.addFlashAttribute("error", messages.explain(e));
      flash.addFlashAttribute("answerErrors", e.errors());
    } catch (KibanException e) {
      flash.addFlashAttribute("error", messages.explain(e));
    }
    return "redirect:" + InventoryPages.url(key) + "/classification";
  }

  @PostMapping("/inventory/{key}/classification/internal-tier")
  String internalTier(@PathVariable String key, RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> classifications.evaluateInternalTier(key),
        "cls.tierSaved",
        InventoryPages.url(key) + "/classification");
  }
}

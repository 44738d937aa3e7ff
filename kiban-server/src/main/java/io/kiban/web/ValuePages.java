package io.kiban.web;

import io.kiban.governance.value.ValueService;
import io.kiban.platform.error.KibanException;
import java.math.BigDecimal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Value screens: a use case's KPIs, costs, benefits and ROI; the portfolio. */
@Controller
class ValuePages {

  private final ValueService value;
  private final UiMessages messages;

  ValuePages(ValueService value, UiMessages messages) {
    this.value = value;
    this.messages = messages;
  }

  @GetMapping("/inventory/{key}/value")
  String page(@PathVariable String key, Model model) {
    model.addAttribute("s", value.summary(key));
    model.addAttribute("kinds", ValueService.KINDS);
    model.addAttribute("url", InventoryPages.url(key) + "/value");
    return "value";
  }

  @PostMapping("/inventory/{key}/value/kpis")
  String addKpi(
      @PathVariable String key,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String unit,
      @RequestParam(defaultValue = "higher_better") String direction,
      @RequestParam(required = false) Double baseline,
      @RequestParam(required = false) Double target,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> value.addKpi(key, name, unit, direction, baseline, target),
        "value.saved",
        InventoryPages.url(key) + "/value");
  }

  @PostMapping("/inventory/{key}/value/kpis/{id}")
  String measure(
      @PathVariable String key,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String measuredOn,
      @RequestParam(required = false) Double amount,
      @RequestParam(defaultValue = "") String note,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> value.measure(key, id, measuredOn, amount, note),
        "value.saved",
        InventoryPages.url(key) + "/value");
  }

  @PostMapping("/inventory/{key}/value/entries")
  String addEntry(
      @PathVariable String key,
      @RequestParam(defaultValue = "") String period,
      @RequestParam(defaultValue = "") String kind,
      @RequestParam(defaultValue = "") String amount,
      @RequestParam(defaultValue = "") String currency,
      @RequestParam(defaultValue = "") String note,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> {
          BigDecimal money;
          try {
            money = new BigDecimal(amount.strip().replace(",", ""));
          } catch (NumberFormatException e) {
            throw KibanException.invalid("'amount' must be a number.");
          }
          value.addEntry(key, period, kind, money, currency, note);
        },
        "value.saved",
        InventoryPages.url(key) + "/value");
  }

  @GetMapping("/portfolio")
  String portfolio(Model model) {
    model.addAttribute("items", value.portfolio());
    return "portfolio";
  }
}

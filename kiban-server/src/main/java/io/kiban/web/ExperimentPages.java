package io.kiban.web;

import io.kiban.platform.error.KibanException;
import io.kiban.tracking.Experiment;
import io.kiban.tracking.ExperimentService;
import io.kiban.tracking.Page;
import io.kiban.tracking.ViewType;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** The experiments list: search, sort, paging, create, rename, delete, restore, tags. */
@Controller
class ExperimentPages {

  static final int PAGE_SIZE = 50;

  private final ExperimentService experiments;
  private final UiMessages messages;

  ExperimentPages(ExperimentService experiments, UiMessages messages) {
    this.experiments = experiments;
    this.messages = messages;
  }

  @GetMapping("/")
  String home() {
    return "redirect:/experiments";
  }

  @GetMapping("/experiments")
  String list(
      @RequestParam(defaultValue = "") String q,
      @RequestParam(defaultValue = "active") String view,
      @RequestParam(defaultValue = "created") String sort,
      @RequestParam(defaultValue = "desc") String dir,
      @RequestParam(required = false) String token,
      Model model) {
    String order =
        switch (sort) {
          case "name" -> "name";
          case "updated" -> "last_update_time";
          default -> "creation_time";
        };
    boolean ascending = dir.equals("asc");
    ViewType viewType =
        switch (view) {
          case "deleted" -> ViewType.DELETED_ONLY;
          case "all" -> ViewType.ALL;
          default -> ViewType.ACTIVE_ONLY;
        };
    model.addAttribute("q", q);
    model.addAttribute("view", view);
    model.addAttribute("sort", sort);
    model.addAttribute("dir", ascending ? "asc" : "desc");
    try {
      Page<Experiment> page =
          experiments.search(
              filterFor(q),
              List.of(order + (ascending ? " ASC" : " DESC")),
              viewType,
              PAGE_SIZE,
              token);
      model.addAttribute("experiments", page.items());
      model.addAttribute(
          "nextUrl",
          page.nextPageToken() == null
              ? null
              : UriComponentsBuilder.fromPath("/experiments")
                  .queryParam("q", q)
                  .queryParam("view", view)
                  .queryParam("sort", sort)
                  .queryParam("dir", ascending ? "asc" : "desc")
                  .queryParam("token", page.nextPageToken())
                  .encode()
                  .toUriString());
    } catch (KibanException e) {
      model.addAttribute("experiments", List.of());
      model.addAttribute("searchError", messages.explain(e));
    }
    model.addAttribute("paged", token != null);
    return "experiments";
  }

  /** Plain words search names; a query starting with "tags." or "name" is a filter as typed. */
  static String filterFor(String q) {
    String trimmed = q.strip();
    if (trimmed.isEmpty()) {
      return null;
    }
    if (trimmed.startsWith("tags.")
        || trimmed.startsWith("tag.")
        || trimmed.startsWith("name ")
        || trimmed.startsWith("attribute")) {
      return trimmed;
    }
    String escaped = trimmed.replace("'", "''").replace("%", "\\%").replace("_", "\\_");
    return "name ILIKE '%" + escaped + "%'";
  }

  @GetMapping("/experiments/{id}")
  String open(@PathVariable String id) {
    experiments.get(id);
    return "redirect:/runs?experiments=" + id;
  }

  @PostMapping("/experiments")
  String create(@RequestParam(defaultValue = "") String name, RedirectAttributes flash) {
    try {
      String id = experiments.create(name.strip(), null, List.of());
      flash.addFlashAttribute("notice", messages.get("experiments.createdNotice", name.strip()));
      return "redirect:/runs?experiments=" + id;
    } catch (KibanException e) {
      flash.addFlashAttribute("error", messages.explain(e));
      flash.addFlashAttribute("newName", name);
      return "redirect:/experiments";
    }
  }

  @PostMapping("/experiments/{id}/rename")
  String rename(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String name,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> experiments.rename(id, name.strip()),
        "experiments.renamedNotice",
        "/runs?experiments=" + id);
  }

  @PostMapping("/experiments/{id}/delete")
  String delete(@PathVariable String id, RedirectAttributes flash) {
    return messages.act(
        flash, () -> experiments.delete(id), "experiments.deletedNotice", "/experiments");
  }

  @PostMapping("/experiments/{id}/restore")
  String restore(@PathVariable String id, RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> experiments.restore(id),
        "experiments.restoredNotice",
        "/experiments?view=deleted");
  }

  @PostMapping("/experiments/{id}/tags")
  String setTag(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String key,
      @RequestParam(defaultValue = "") String value,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> experiments.setTag(id, key.strip(), value),
        "tags.savedNotice",
        "/runs?experiments=" + id);
  }

  @PostMapping("/experiments/{id}/tags/delete")
  String deleteTag(@PathVariable String id, @RequestParam String key, RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> experiments.deleteTag(id, key),
        "tags.deletedNotice",
        "/runs?experiments=" + id);
  }
}

package io.kiban.web;

import io.kiban.platform.error.KibanException;
import io.kiban.registry.ModelCardService;
import io.kiban.registry.ModelVersion;
import io.kiban.registry.RegisteredModel;
import io.kiban.registry.RegistryEvent;
import io.kiban.registry.RegistryService;
import io.kiban.tracking.Page;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/** The model registry in the browser: models, a model with its versions and history, a version. */
@Controller
class ModelPages {

  static final int PAGE_SIZE = 50;

  private final RegistryService registry;
  private final ModelCardService cards;
  private final UiMessages messages;

  ModelPages(RegistryService registry, ModelCardService cards, UiMessages messages) {
    this.registry = registry;
    this.cards = cards;
    this.messages = messages;
  }

  static String modelUrl(String name) {
    return "/models/" + UriUtils.encodePathSegment(name, java.nio.charset.StandardCharsets.UTF_8);
  }

  @GetMapping("/models")
  String list(
      @RequestParam(defaultValue = "") String q,
      @RequestParam(required = false) String token,
      Model model) {
    model.addAttribute("q", q);
    model.addAttribute("paged", token != null);
    try {
      Page<RegisteredModel> page =
          registry.searchModels(filterFor(q), PAGE_SIZE, List.of("name ASC"), token);
      model.addAttribute("models", page.items());
      model.addAttribute(
          "nextUrl",
          page.nextPageToken() == null
              ? null
              : UriComponentsBuilder.fromPath("/models")
                  .queryParam("q", q)
                  .queryParam("token", page.nextPageToken())
                  .encode()
                  .toUriString());
    } catch (KibanException e) {
      model.addAttribute("models", List.of());
      model.addAttribute("searchError", messages.explain(e));
    }
    return "models";
  }

  static String filterFor(String q) {
    String trimmed = q.strip();
    if (trimmed.isEmpty()) {
      return null;
    }
    if (trimmed.startsWith("tags.") || trimmed.startsWith("name ")) {
      return trimmed;
    }
    return "name ILIKE '%" + trimmed.replace("'", "''") + "%'";
  }

  @GetMapping("/models/{name}")
  String model(@PathVariable String name, Model model) {
    RegisteredModel registered = registry.getModel(name);
    model.addAttribute("model", registered);
    model.addAttribute(
        "versions",
        registry
            .searchVersions(
                "name = '" + name.replace("'", "''") + "'",
                1000,
                List.of("version_number DESC"),
                null)
            .items());
    List<RegistryEvent> history = new ArrayList<>(registry.history(name, null));
    java.util.Collections.reverse(history);
    model.addAttribute("history", history);
    model.addAttribute("modelUrl", modelUrl(name));
    return "model";
  }

  @GetMapping("/models/{name}/versions/{version}")
  String version(@PathVariable String name, @PathVariable String version, Model model) {
    ModelVersion v = registry.getVersion(name, version);
    model.addAttribute("model", registry.getModel(name));
    model.addAttribute("version", v);
    model.addAttribute("downloadUri", registry.downloadUri(name, version));
    model.addAttribute("card", cards.card(name, version, LocaleContextHolder.getLocale()));
    model.addAttribute("modelUrl", modelUrl(name));
    model.addAttribute(
        "cardApi",
        "/api/kiban/v1/registered-models/"
            + UriUtils.encodePathSegment(name, java.nio.charset.StandardCharsets.UTF_8)
            + "/versions/"
            + v.version()
            + "/card");
    model.addAttribute("lineageNode", "model_version:" + name + "/" + v.version());
    return "model-version";
  }

  @PostMapping("/models/{name}/description")
  String describe(
      @PathVariable String name,
      @RequestParam(defaultValue = "") String description,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> registry.updateModel(name, description.strip()),
        "models.savedNotice",
        modelUrl(name));
  }

  @PostMapping("/models/{name}/tags")
  String setTag(
      @PathVariable String name,
      @RequestParam(defaultValue = "") String key,
      @RequestParam(defaultValue = "") String value,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> registry.setModelTag(name, key.strip(), value),
        "tags.savedNotice",
        modelUrl(name));
  }

  @PostMapping("/models/{name}/tags/delete")
  String deleteTag(@PathVariable String name, @RequestParam String key, RedirectAttributes flash) {
    return messages.act(
        flash, () -> registry.deleteModelTag(name, key), "tags.deletedNotice", modelUrl(name));
  }

  @PostMapping("/models/{name}/versions/{version}/stage")
  String stage(
      @PathVariable String name,
      @PathVariable String version,
      @RequestParam(defaultValue = "") String stage,
      @RequestParam(defaultValue = "false") boolean archiveExisting,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> registry.transitionStage(name, version, stage, archiveExisting),
        "models.stageNotice",
        modelUrl(name) + "/versions/" + version);
  }

  @PostMapping("/models/{name}/versions/{version}/alias")
  String alias(
      @PathVariable String name,
      @PathVariable String version,
      @RequestParam(defaultValue = "") String alias,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> registry.setAlias(name, alias.strip(), version),
        "models.aliasNotice",
        modelUrl(name) + "/versions/" + version);
  }

  @PostMapping("/models/{name}/aliases/delete")
  String deleteAlias(
      @PathVariable String name, @RequestParam String alias, RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> registry.deleteAlias(name, alias),
        "models.aliasRemovedNotice",
        modelUrl(name));
  }

  @PostMapping("/models/{name}/versions/{version}/card")
  String writeCard(
      @PathVariable String name,
      @PathVariable String version,
      @RequestParam String section,
      @RequestParam(defaultValue = "") String text,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> cards.setSection(name, version, section, text),
        "models.cardSavedNotice",
        modelUrl(name) + "/versions/" + version + "#card");
  }
}

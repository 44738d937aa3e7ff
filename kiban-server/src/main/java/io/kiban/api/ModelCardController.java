package io.kiban.api;

import io.kiban.registry.ModelCardService;
import io.kiban.registry.ModelCardService.ModelCard;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Model cards of model versions: JSON or Markdown, in Japanese or English; written sections. */
@RestController
@RequestMapping("/api/kiban/v1/registered-models/{name}/versions/{version}")
class ModelCardController {

  private final ModelCardService cards;

  ModelCardController(ModelCardService cards) {
    this.cards = cards;
  }

  @GetMapping(path = "/card", produces = "application/json")
  ModelCard card(
      @PathVariable String name,
      @PathVariable String version,
      @RequestParam(defaultValue = "en") String lang) {
    return cards.card(name, version, ModelCardService.locale(lang));
  }

  @GetMapping(path = "/card.md")
  ResponseEntity<String> markdown(
      @PathVariable String name,
      @PathVariable String version,
      @RequestParam(defaultValue = "en") String lang) {
    String body = cards.markdown(cards.card(name, version, ModelCardService.locale(lang)));
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "markdown", StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(
                    "model-card-" + name + "-v" + version + "-" + lang + ".md",
                    StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(body);
  }

  /** Body: {@code {"text": "..."}}. */
  @PutMapping(path = "/card/sections/{section}", produces = "application/json")
  ModelCard setSection(
      @PathVariable String name,
      @PathVariable String version,
      @PathVariable String section,
      @RequestBody(required = false) Map<String, Object> body) {
    Object text = body == null ? null : body.get("text");
    if (!(text instanceof String s)) {
      throw io.kiban.platform.error.KibanException.invalid(
          "The body must be a JSON object with a string field 'text'");
    }
    return cards.setSection(name, version, section, s);
  }
}

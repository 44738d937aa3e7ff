package io.kiban.registry;

import io.kiban.platform.error.KibanException;
import io.kiban.storage.ArtifactEntry;
import io.kiban.tracking.DatasetInput;
import io.kiban.tracking.Metric;
import io.kiban.tracking.MlflowTags;
import io.kiban.tracking.Param;
import io.kiban.tracking.Run;
import io.kiban.tracking.RunArtifactService;
import io.kiban.tracking.RunService;
import io.kiban.tracking.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Model cards: what Kiban knows about a model version (intended use, owner, training data,
 * parameters, metrics, evaluation results, version history) plus the sections only people can write
 * (limitations, ethical considerations, out-of-scope uses). Exported as JSON or Markdown with
 * headings in Japanese or English; a card lists the sections that are still empty.
 */
@Service
public class ModelCardService {

  /** Sections that people write; everything else is derived. */
  public static final List<String> WRITTEN =
      List.of("limitations", "ethical_considerations", "out_of_scope_uses");

  static final List<String> DERIVED =
      List.of(
          "intended_use",
          "owner",
          "training_data",
          "parameters",
          "metrics",
          "evaluation",
          "version_history");

  private static final Pattern EVALUATION =
      Pattern.compile("(?i).*(eval|test|valid|val_|_val|holdout|fairness|disparate).*");

  /** One section: {@code content} is text, a key/value map, or a list of key/value maps. */
  public record Section(String id, String title, String kind, boolean empty, Object content) {
    /** How the content is shaped: "text", "map" or "list". */
    public String shape() {
      return content instanceof java.util.Map<?, ?>
          ? "map"
          : content instanceof java.util.List<?> ? "list" : "text";
    }
  }

  public record ModelCard(
      String model,
      String version,
      String language,
      List<Section> sections,
      List<String> emptySections) {}

  private final RegistryService registry;
  private final RunService runs;
  private final RunArtifactService artifacts;
  private final MessageSource messages;

  ModelCardService(
      RegistryService registry,
      RunService runs,
      RunArtifactService artifacts,
      MessageSource messages) {
    this.registry = registry;
    this.runs = runs;
    this.artifacts = artifacts;
    this.messages = messages;
  }

  public static Locale locale(String lang) {
    if (lang == null || lang.isBlank() || lang.equalsIgnoreCase("en")) {
      return Locale.ENGLISH;
    }
    if (lang.equalsIgnoreCase("ja")) {
      return Locale.JAPANESE;
    }
    throw KibanException.invalid("Invalid language '" + lang + "': use ja or en");
  }

  @Transactional
  public ModelCard setSection(String name, String version, String section, String text) {
    if (!WRITTEN.contains(section)) {
      throw KibanException.invalid(
          "Section '"
              + section
              + "' cannot be written: it is derived. Writable sections are "
              + String.join(", ", WRITTEN));
    }
    registry.setCardSection(name, version, section, text.strip());
    return card(name, version, Locale.ENGLISH);
  }

  @Transactional(readOnly = true)
  public ModelCard card(String name, String version, Locale locale) {
    RegisteredModel model = registry.getModel(name);
    ModelVersion v = registry.getVersion(name, version);
    Run run = null;
    if (v.runId() != null) {
      try {
        run = runs.get(v.runId());
      } catch (KibanException runGone) {
        run = null;
      }
    }
    Map<String, String> written = registry.cardSections(name, version);
    List<Section> sections = new ArrayList<>();

    Map<String, String> intended = new LinkedHashMap<>();
    putIfText(intended, label("card.field.modelDescription", locale), model.description());
    putIfText(intended, label("card.field.versionDescription", locale), v.description());
    for (Tag t : model.tags()) {
      if (!t.key().startsWith("mlflow.")) {
        intended.put(t.key(), t.value());
      }
    }
    sections.add(section("intended_use", locale, intended));

    Map<String, String> owner = new LinkedHashMap<>();
    putIfText(owner, label("card.field.modelOwner", locale), model.userId());
    putIfText(owner, label("card.field.versionAuthor", locale), v.userId());
    if (run != null) {
      putIfText(owner, label("card.field.trainedBy", locale), run.info().userId());
    }
    sections.add(section("owner", locale, owner));

    List<Map<String, String>> data = new ArrayList<>();
    Map<String, String> params = new LinkedHashMap<>();
    Map<String, String> metrics = new LinkedHashMap<>();
    Map<String, String> evaluation = new LinkedHashMap<>();
    if (run != null) {
      for (DatasetInput input : run.inputs()) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("name", input.dataset().name());
        d.put("digest", input.dataset().digest());
        d.put("source", input.dataset().sourceType() + ": " + input.dataset().source());
        input.tags().stream()
            .filter(t -> t.key().equals(MlflowTags.DATASET_CONTEXT))
            .findFirst()
            .ifPresent(t -> d.put("context", t.value()));
        data.add(d);
      }
      for (Param p : run.params()) {
        params.put(p.key(), p.value());
      }
      for (Metric m : run.latestMetrics()) {
        String value = format(m.value());
        metrics.put(m.key(), value);
        if (EVALUATION.matcher(m.key()).matches()) {
          evaluation.put(m.key(), value);
        }
      }
      for (ArtifactEntry dir : safeList(run.info().runId(), "")) {
        if (dir.isDir() && dir.path().toLowerCase(Locale.ROOT).startsWith("eval")) {
          for (ArtifactEntry file : safeList(run.info().runId(), dir.path())) {
            evaluation.put(
                label("card.field.artifact", locale) + " " + file.path(),
                run.info().artifactUri() + "/" + file.path());
          }
        }
      }
    }
    sections.add(section("training_data", locale, data));
    sections.add(section("parameters", locale, params));
    sections.add(section("metrics", locale, metrics));
    sections.add(section("evaluation", locale, evaluation));

    List<Map<String, String>> history = new ArrayList<>();
    for (RegistryEvent e : registry.history(name, Integer.parseInt(v.version()))) {
      Map<String, String> event = new LinkedHashMap<>();
      event.put("time", Instant.ofEpochMilli(e.occurredAt()).toString());
      event.put("actor", e.actor());
      event.put("action", e.action());
      if (e.subject() != null) {
        event.put("subject", e.subject());
      }
      if (e.before() != null) {
        event.put("before", e.before());
      }
      if (e.after() != null) {
        event.put("after", e.after());
      }
      history.add(event);
    }
    sections.add(section("version_history", locale, history));

    for (String id : WRITTEN) {
      String text = written.getOrDefault(id, "");
      sections.add(
          new Section(id, label("card.section." + id, locale), "written", text.isBlank(), text));
    }
    List<String> empty = sections.stream().filter(Section::empty).map(Section::id).toList();
    return new ModelCard(name, v.version(), locale.getLanguage(), sections, empty);
  }

  /** The card as Markdown, headings and labels in the card's language. */
  public String markdown(ModelCard card) {
    Locale locale = locale(card.language());
    StringBuilder md = new StringBuilder();
    md.append("# ")
        .append(label("card.title", locale))
        .append(": ")
        .append(card.model())
        .append(" v")
        .append(card.version())
        .append("\n\n");
    if (card.emptySections().isEmpty()) {
      md.append("> ").append(label("card.complete", locale)).append("\n\n");
    } else {
      List<String> titles = new ArrayList<>();
      for (Section s : card.sections()) {
        if (s.empty()) {
          titles.add(s.title());
        }
      }
      md.append("> ")
          .append(label("card.emptySections", locale))
          .append(": ")
          .append(String.join(", ", titles))
          .append("\n\n");
    }
    for (Section s : card.sections()) {
      md.append("## ").append(s.title()).append("\n\n");
      if (s.empty()) {
        md.append("_").append(label("card.empty", locale)).append("_\n\n");
        continue;
      }
      if (s.content() instanceof String text) {
        md.append(text).append("\n\n");
      } else if (s.content() instanceof Map<?, ?> map) {
        md.append("| ")
            .append(label("card.key", locale))
            .append(" | ")
            .append(label("card.value", locale))
            .append(" |\n|---|---|\n");
        map.forEach(
            (k, val) ->
                md.append("| ")
                    .append(cell(String.valueOf(k)))
                    .append(" | ")
                    .append(cell(String.valueOf(val)))
                    .append(" |\n"));
        md.append('\n');
      } else if (s.content() instanceof List<?> list) {
        for (Object item : list) {
          md.append("- ");
          if (item instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            map.forEach((k, val) -> parts.add(k + ": " + val));
            md.append(String.join("; ", parts).replace("\n", " "));
          } else {
            md.append(item);
          }
          md.append('\n');
        }
        md.append('\n');
      }
    }
    return md.toString();
  }

  private List<ArtifactEntry> safeList(String runId, String path) {
    try {
      return artifacts.list(runId, path).files();
    } catch (KibanException notInKibanStore) {
      return List.of();
    }
  }

  private Section section(String id, Locale locale, Object content) {
    boolean empty =
        content instanceof Map<?, ?> m ? m.isEmpty() : content instanceof List<?> l && l.isEmpty();
    return new Section(id, label("card.section." + id, locale), "derived", empty, content);
  }

  private String label(String key, Locale locale) {
    return messages.getMessage(key, null, locale);
  }

  private static void putIfText(Map<String, String> map, String key, String value) {
    if (value != null && !value.isBlank()) {
      map.put(key, value);
    }
  }

  private static String format(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return String.valueOf(value);
    }
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.valueOf((long) value)
        : String.valueOf(value);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}

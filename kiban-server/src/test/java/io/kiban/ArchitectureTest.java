package io.kiban;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module directions of the modular monolith: a module may use modules of a lower layer, never
 * of a higher one, and adapters never use each other.
 */
class ArchitectureTest {

  /** Layers from the bottom up; modules within one layer are listed together. */
  static final List<List<String>> LAYERS =
      List.of(
          List.of("platform"),
          List.of("audit", "notify", "storage"),
          List.of("identity"),
          List.of("tracking"),
          List.of("registry"),
          List.of("governance"),
          List.of("workflow"),
          List.of("mlflow", "web", "api"));

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kiban");
  }

  @Test
  void lowerModulesNeverUseHigherOnes() {
    for (int layer = 0; layer < LAYERS.size(); layer++) {
      for (String module : LAYERS.get(layer)) {
        for (int higher = layer + 1; higher < LAYERS.size(); higher++) {
          for (String forbidden : LAYERS.get(higher)) {
            ArchRule rule =
                ArchRuleDefinition.noClasses()
                    .that()
                    .resideInAPackage("io.kiban." + module + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.kiban." + forbidden + "..")
                    .allowEmptyShould(true)
                    .because(module + " is below " + forbidden);
            rule.check(classes);
          }
        }
      }
    }
  }

  @Test
  void modulesOfTheSameLayerAreIndependent() {
    for (List<String> layer : LAYERS) {
      for (String module : layer) {
        for (String other : layer) {
          if (module.equals(other)) {
            continue;
          }
          ArchRuleDefinition.noClasses()
              .that()
              .resideInAPackage("io.kiban." + module + "..")
              .should()
              .dependOnClassesThat()
              .resideInAPackage("io.kiban." + other + "..")
              .allowEmptyShould(true)
              .check(classes);
        }
      }
    }
  }

  @Test
  void servicesNeverSeeHttpTypes() {
    ArchRuleDefinition.noClasses()
        .that()
        .resideInAnyPackage(
            "io.kiban.tracking..",
            "io.kiban.audit..",
            "io.kiban.storage..",
            "io.kiban.registry..",
            "io.kiban.governance..",
            "io.kiban.workflow..")
        .or()
        .resideInAPackage("io.kiban.identity")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "jakarta.servlet..", "org.springframework.web..", "org.springframework.http..")
        .check(classes);
  }

  @Test
  void modulesHaveNoCycles() {
    slices().matching("io.kiban.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void everyTopLevelPackageIsAKnownModule() {
    List<String> known =
        LAYERS.stream().flatMap(List::stream).map(m -> "io.kiban." + m + "..").toList();
    List<String> allowed = new java.util.ArrayList<>(known);
    ArchRuleDefinition.classes()
        .that()
        .resideOutsideOfPackage("io.kiban")
        .should()
        .resideInAnyPackage(allowed.toArray(String[]::new))
        .check(classes);
  }
}

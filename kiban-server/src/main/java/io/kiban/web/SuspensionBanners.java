package io.kiban.web;

import io.kiban.governance.inventory.InventoryService;
import io.kiban.registry.RegistryService;
import io.kiban.workflow.SuspensionService;
import io.kiban.workflow.SuspensionService.Suspension;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The standing suspensions a page shows in its banner: {@code ${@suspensions.ofVersion(name, v)}}.
 * A model version shows its own and those of the use cases its model serves.
 */
@Component("suspensions")
public class SuspensionBanners {

  private final SuspensionService suspensions;
  private final InventoryService inventory;
  private final RegistryService registry;

  SuspensionBanners(
      SuspensionService suspensions, InventoryService inventory, RegistryService registry) {
    this.suspensions = suspensions;
    this.inventory = inventory;
    this.registry = registry;
  }

  public List<Suspension> ofUseCase(String key) {
    return suspensions.active("use_case", key).map(List::of).orElse(List.of());
  }

  public List<Suspension> ofVersion(String model, String version) {
    List<Suspension> out = new ArrayList<>();
    suspensions.active("model_version", model + "/" + version).ifPresent(out::add);
    out.addAll(ofModelUseCases(model));
    return out;
  }

  /** The model's suspended versions and the suspensions of its use cases. */
  public List<Suspension> ofModel(String model) {
    List<Suspension> out = new ArrayList<>();
    for (Suspension s : suspensions.list(true)) {
      if (s.targetKind().equals("model_version") && s.target().startsWith(model + "/")) {
        out.add(s);
      }
    }
    out.addAll(ofModelUseCases(model));
    return out;
  }

  private List<Suspension> ofModelUseCases(String model) {
    List<Suspension> out = new ArrayList<>();
    for (var uc : inventory.useCasesOfModel(registry.getModel(model))) {
      out.addAll(ofUseCase(uc.key()));
    }
    return out;
  }
}

package io.kiban.workflow;

import io.kiban.governance.inventory.InventoryService;
import io.kiban.governance.inventory.StageGuard;
import io.kiban.governance.inventory.UseCase;
import io.kiban.identity.AccessControl;
import io.kiban.platform.error.ErrorCode;
import io.kiban.platform.error.KibanException;
import io.kiban.registry.Promotion;
import io.kiban.registry.PromotionGuard;
import io.kiban.registry.RegisteredModel;
import io.kiban.registry.RegistryService;
import java.util.List;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Enforces the gates where they matter: every move of a model version into production (a production
 * alias, or the Production stage) through any door, and every lifecycle stage change of a use case.
 * A refusal changes nothing and lists the unmet criteria.
 */
@Component
class GovernancePromotionGuard implements PromotionGuard, StageGuard {

  private final GateService gates;
  private final InventoryService inventory;
  private final RegistryService registry;
  private final AccessControl access;
  private final SuspensionService suspensions;
  private final TaskService tasks;

  GovernancePromotionGuard(
      @Lazy GateService gates,
      @Lazy InventoryService inventory,
      @Lazy RegistryService registry,
      AccessControl access,
      @Lazy SuspensionService suspensions,
      @Lazy TaskService tasks) {
    this.tasks = tasks;
    this.suspensions = suspensions;
    this.gates = gates;
    this.inventory = inventory;
    this.registry = registry;
    this.access = access;
  }

  @Override
  public void check(Promotion promotion) {
    boolean toProduction =
        !promotion.removal()
            && (promotion.kind() == Promotion.Kind.STAGE
                ? promotion.target().equalsIgnoreCase("Production")
                : registry.isProductionAlias(promotion.target()));
    if (!toProduction) {
      return;
    }
    RegisteredModel model = access.asSystem(() -> registry.getModel(promotion.modelName()));
    List<UseCase> useCases = inventory.useCasesOfModel(model);
    List<SuspensionService.Suspension> blocking =
        suspensions.blocking(promotion.modelName(), promotion.version(), useCases);
    if (!blocking.isEmpty()) {
      SuspensionService.Suspension s = blocking.get(0);
      throw new KibanException(
          ErrorCode.PERMISSION_DENIED,
          "Putting "
              + promotion.modelName()
              + " version "
              + promotion.version()
              + " into production is refused: "
              + s.targetKind()
              + " "
              + s.target()
              + " is suspended by "
              + s.suspendedBy()
              + " ("
              + s.reason()
              + ").");
    }
    GateService.Evaluation e =
        gates.evaluatePromotion(promotion.modelName(), promotion.version(), useCases);
    if (!e.passed()) {
      tasks.fromGate(e, useCases.isEmpty() ? null : useCases.get(0));
      String what =
          "Putting "
              + promotion.modelName()
              + " version "
              + promotion.version()
              + " into production ("
              + (promotion.kind() == Promotion.Kind.STAGE
                  ? "stage Production"
                  : "alias " + promotion.target())
              + ")";
      throw new KibanException(ErrorCode.PERMISSION_DENIED, GateService.refusal(what, e));
    }
  }

  @Override
  public void check(UseCase useCase, String toStage) {
    suspensions
        .active("use_case", useCase.key())
        .ifPresent(
            s -> {
              throw new KibanException(
                  ErrorCode.PERMISSION_DENIED,
                  "Use case "
                      + useCase.key()
                      + " is suspended by "
                      + s.suspendedBy()
                      + " ("
                      + s.reason()
                      + "); its stage cannot change until the suspension is lifted.");
            });
    GateService.Evaluation e = gates.evaluateStage(useCase, toStage);
    if (!e.passed()) {
      tasks.fromGate(e, useCase);
      throw new KibanException(
          ErrorCode.PERMISSION_DENIED,
          GateService.refusal("Moving use case " + useCase.key() + " to " + toStage, e));
    }
  }
}

package io.kiban.registry;

/**
 * Consulted before every alias or stage change, on every path (MLflow API, Kiban API, UI). The
 * registry knows nothing of governance; the workflow module implements this port. A refusal is a
 * {@link io.kiban.platform.error.KibanException} with code PERMISSION_DENIED whose message lists
 * what is missing; nothing changes then.
 */
@FunctionalInterface
public interface PromotionGuard {

  void check(Promotion promotion);
}

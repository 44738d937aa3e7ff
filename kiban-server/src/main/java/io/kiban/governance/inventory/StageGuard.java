package io.kiban.governance.inventory;

/**
 * Consulted before a use case moves to another lifecycle stage. The workflow module implements it
 * with its gates; a refusal is a KibanException with code PERMISSION_DENIED listing what is
 * missing, and nothing changes.
 */
@FunctionalInterface
public interface StageGuard {

  void check(UseCase useCase, String toStage);
}

package io.kiban.governance.inventory;

/** A stored use case with when and by whom it was recorded. */
public record UseCase(UseCaseData data, long createdAt, long updatedAt, String createdBy) {

  public String key() {
    return data.key();
  }
}

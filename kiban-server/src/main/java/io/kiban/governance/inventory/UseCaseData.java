package io.kiban.governance.inventory;

import java.util.List;

/**
 * What the governance office records about one AI use case (AI system). Codes are those of {@link
 * Codes}; lists hold EU AI Act roles, ISO country codes (geographies, overseas processing
 * countries), affected groups and data categories.
 */
public record UseCaseData(
    String key,
    String workspace,
    String nameJa,
    String nameEn,
    String purposeJa,
    String purposeEn,
    String businessOwner,
    String accountableExecutive,
    String department,
    String lifecycleStage,
    String aiType,
    String sourcing,
    Long vendorId,
    List<String> euRoles,
    List<String> geographies,
    List<String> affectedGroups,
    String decisionAutonomy,
    String humanOversight,
    List<String> dataCategories,
    String storageLocation,
    String processingLocation,
    List<String> overseasCountries) {

  public UseCaseData {
    euRoles = euRoles == null ? List.of() : List.copyOf(euRoles);
    geographies = geographies == null ? List.of() : List.copyOf(geographies);
    affectedGroups = affectedGroups == null ? List.of() : List.copyOf(affectedGroups);
    dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
    overseasCountries = overseasCountries == null ? List.of() : List.copyOf(overseasCountries);
  }
}

package io.kiban.governance.inventory;

/**
 * An external AI service or procured AI product.
 *
 * @param hostingCountry ISO 3166 code of where the service runs
 * @param dataLocation on_premises, domestic_cloud or overseas
 * @param trainsOnCustomerData no, yes, opt_out or unknown
 * @param reviewedOn date of the last review (yyyy-MM-dd), or null
 */
public record Vendor(
    long vendorId,
    String service,
    String provider,
    String hostingCountry,
    String dataLocation,
    String trainsOnCustomerData,
    String certifications,
    String reviewStatus,
    String reviewedOn,
    String notes,
    long createdAt,
    long updatedAt) {}

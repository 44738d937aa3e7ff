package io.kiban.governance.inventory;

import io.kiban.audit.AuditLog;
import io.kiban.identity.AccessControl;
import io.kiban.identity.Permission;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.json.JsonText;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The register of vendors and external AI services. Everyone signed in may read it; changing it
 * needs GOVERN in all workspaces (the governance office). A change re-evaluates the residency rules
 * of the use cases that use the vendor.
 */
@Service
public class VendorService {

  private final InventoryRepository repo;
  private final InventoryService inventory;
  private final AccessControl access;
  private final AuditLog audit;
  private final Clock clock;

  public VendorService(
      InventoryRepository repo,
      InventoryService inventory,
      AccessControl access,
      AuditLog audit,
      Clock clock) {
    this.repo = repo;
    this.inventory = inventory;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public List<Vendor> list() {
    access.current();
    return repo.vendors();
  }

  @Transactional(readOnly = true)
  public Vendor get(long id) {
    access.current();
    return repo.vendor(id)
        .orElseThrow(() -> KibanException.notFound("Vendor " + id + " does not exist."));
  }

  @Transactional
  public Vendor create(Vendor input) {
    access.requireGlobal(Permission.GOVERN);
    Vendor v = validate(input, 0);
    if (repo.vendorByName(v.service(), v.provider()).isPresent()) {
      throw KibanException.alreadyExists(
          "Vendor '" + v.provider() + " / " + v.service() + "' already exists.");
    }
    repo.insertVendor(v, clock.millis());
    Vendor stored = repo.vendorByName(v.service(), v.provider()).orElseThrow();
    audit.record(
        "vendor.created",
        "vendor",
        String.valueOf(stored.vendorId()),
        JsonText.object("service", v.service(), "provider", v.provider()));
    return stored;
  }

  @Transactional
  public Vendor update(long id, Vendor input) {
    access.requireGlobal(Permission.GOVERN);
    Vendor before = get(id);
    Vendor v = validate(input, id);
    repo.vendorByName(v.service(), v.provider())
        .filter(other -> other.vendorId() != id)
        .ifPresent(
            other -> {
              throw KibanException.alreadyExists(
                  "Vendor '" + v.provider() + " / " + v.service() + "' already exists.");
            });
    repo.updateVendor(v, clock.millis());
    audit.record(
        "vendor.updated",
        "vendor",
        String.valueOf(id),
        JsonText.object(
            "before_data_location",
            before.dataLocation(),
            "data_location",
            v.dataLocation(),
            "before_review_status",
            before.reviewStatus(),
            "review_status",
            v.reviewStatus()));
    inventory.reevaluateVendor(id);
    return get(id);
  }

  static Vendor validate(Vendor in, long id) {
    if (in == null) {
      throw KibanException.invalid("A vendor is required.");
    }
    String reviewedOn = Codes.text("reviewed_on", in.reviewedOn(), 10);
    if (reviewedOn != null) {
      try {
        LocalDate.parse(reviewedOn);
      } catch (DateTimeParseException e) {
        throw KibanException.invalid("'reviewed_on' must be a date like 2026-11-22.");
      }
    }
    List<String> country =
        Codes.countries("hosting_country", List.of(nullToEmpty(in.hostingCountry())));
    if (country.isEmpty()) {
      throw KibanException.invalid("'hosting_country' is required (ISO 3166 code, e.g. JP).");
    }
    return new Vendor(
        id,
        Codes.required("service", in.service(), 256),
        Codes.required("provider", in.provider(), 256),
        country.get(0),
        Codes.one("data_location", in.dataLocation(), Codes.LOCATIONS),
        Codes.one("trains_on_customer_data", in.trainsOnCustomerData(), Codes.TRAINING_USE),
        Codes.text("certifications", in.certifications(), 1000),
        Codes.one(
            "review_status",
            in.reviewStatus() == null || in.reviewStatus().isBlank()
                ? "not_reviewed"
                : in.reviewStatus(),
            Codes.REVIEW_STATUS),
        reviewedOn,
        Codes.text("notes", in.notes(), 4000),
        0,
        0);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}

package io.kiban.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.kiban.governance.inventory.InventoryService;
import io.kiban.governance.inventory.InventoryTransfer;
import io.kiban.governance.inventory.ResidencyFinding;
import io.kiban.governance.inventory.UseCase;
import io.kiban.governance.inventory.UseCaseData;
import io.kiban.governance.inventory.Vendor;
import io.kiban.governance.inventory.VendorService;
import io.kiban.platform.error.KibanException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The AI inventory: use cases, their links, vendors, residency findings, CSV/Excel transfer. */
@RestController
@RequestMapping(path = "/api/kiban/v1", produces = "application/json")
class InventoryController {

  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  /** A use case as sent by clients (snake_case, like the responses). */
  record UseCaseBody(
      String key,
      String workspace,
      @JsonProperty("name_ja") String nameJa,
      @JsonProperty("name_en") String nameEn,
      @JsonProperty("purpose_ja") String purposeJa,
      @JsonProperty("purpose_en") String purposeEn,
      @JsonProperty("business_owner") String businessOwner,
      @JsonProperty("accountable_executive") String accountableExecutive,
      String department,
      @JsonProperty("lifecycle_stage") String lifecycleStage,
      @JsonProperty("ai_type") String aiType,
      String sourcing,
      @JsonProperty("vendor_id") Long vendorId,
      @JsonProperty("eu_roles") List<String> euRoles,
      List<String> geographies,
      @JsonProperty("affected_groups") List<String> affectedGroups,
      @JsonProperty("decision_autonomy") String decisionAutonomy,
      @JsonProperty("human_oversight") String humanOversight,
      @JsonProperty("data_categories") List<String> dataCategories,
      @JsonProperty("storage_location") String storageLocation,
      @JsonProperty("processing_location") String processingLocation,
      @JsonProperty("overseas_countries") List<String> overseasCountries) {

    UseCaseData data() {
      return new UseCaseData(
          key,
          workspace,
          nameJa,
          nameEn,
          purposeJa,
          purposeEn,
          businessOwner,
          accountableExecutive,
          department,
          lifecycleStage,
          aiType,
          sourcing,
          vendorId,
          euRoles,
          geographies,
          affectedGroups,
          decisionAutonomy,
          humanOversight,
          dataCategories,
          storageLocation,
          processingLocation,
          overseasCountries);
    }
  }

  record VendorBody(
      String service,
      String provider,
      @JsonProperty("hosting_country") String hostingCountry,
      @JsonProperty("data_location") String dataLocation,
      @JsonProperty("trains_on_customer_data") String trainsOnCustomerData,
      String certifications,
      @JsonProperty("review_status") String reviewStatus,
      @JsonProperty("reviewed_on") String reviewedOn,
      String notes) {

    Vendor vendor() {
      return new Vendor(
          0,
          service,
          provider,
          hostingCountry,
          dataLocation,
          trainsOnCustomerData,
          certifications,
          reviewStatus,
          reviewedOn,
          notes,
          0,
          0);
    }
  }

  record LinkBody(String model, @JsonProperty("dataset_id") Long datasetId) {}

  private final InventoryService inventory;
  private final VendorService vendors;
  private final InventoryTransfer transfer;

  InventoryController(
      InventoryService inventory, VendorService vendors, InventoryTransfer transfer) {
    this.inventory = inventory;
    this.vendors = vendors;
    this.transfer = transfer;
  }

  @GetMapping("/use-cases")
  List<Map<String, Object>> list(
      @RequestParam(required = false) String stage,
      @RequestParam(required = false) String workspace,
      @RequestParam(required = false) String q) {
    return inventory.list(stage, workspace, q).stream().map(InventoryController::json).toList();
  }

  @PostMapping("/use-cases")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(@RequestBody UseCaseBody body) {
    return json(inventory.create(body.data()));
  }

  @GetMapping("/use-cases/{key}")
  Map<String, Object> get(@PathVariable String key) {
    InventoryService.Detail d = inventory.detail(key);
    Map<String, Object> m = json(d.useCase());
    m.put("vendor", d.vendor());
    m.put("models", d.models());
    m.put("runs", d.runs());
    m.put("datasets", d.datasets());
    m.put("findings", d.findings());
    return m;
  }

  @PutMapping("/use-cases/{key}")
  Map<String, Object> update(@PathVariable String key, @RequestBody UseCaseBody body) {
    return json(inventory.update(key, body.data()));
  }

  @PostMapping("/use-cases/{key}/models")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> linkModel(@PathVariable String key, @RequestBody LinkBody body) {
    if (body.model() == null || body.model().isBlank()) {
      throw KibanException.invalid("'model' (a registered model name) is required.");
    }
    inventory.linkModel(key, body.model().strip());
    return Map.of("use_case", key, "model", body.model().strip());
  }

  @DeleteMapping("/use-cases/{key}/models/{model}")
  Map<String, Object> unlinkModel(@PathVariable String key, @PathVariable String model) {
    inventory.unlinkModel(key, model);
    return Map.of("use_case", key, "model", model, "unlinked", true);
  }

  @PostMapping("/use-cases/{key}/datasets")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> linkDataset(@PathVariable String key, @RequestBody LinkBody body) {
    if (body.datasetId() == null) {
      throw KibanException.invalid("'dataset_id' is required.");
    }
    inventory.linkDataset(key, body.datasetId());
    return Map.of("use_case", key, "dataset_id", body.datasetId());
  }

  @DeleteMapping("/use-cases/{key}/datasets/{datasetId}")
  Map<String, Object> unlinkDataset(@PathVariable String key, @PathVariable long datasetId) {
    inventory.unlinkDataset(key, datasetId);
    return Map.of("use_case", key, "dataset_id", datasetId, "unlinked", true);
  }

  @GetMapping("/residency-findings")
  List<ResidencyFinding> findings() {
    return inventory.openFindings();
  }

  @GetMapping(
      path = "/use-cases/export",
      produces = {"text/csv", XLSX, "*/*"})
  ResponseEntity<byte[]> export(@RequestParam(defaultValue = "csv") String format) {
    boolean xlsx = "xlsx".equalsIgnoreCase(format);
    if (!xlsx && !"csv".equalsIgnoreCase(format)) {
      throw KibanException.invalid("Unknown format '" + format + "'; use csv or xlsx.");
    }
    byte[] body = xlsx ? transfer.exportXlsx() : transfer.exportCsv();
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(xlsx ? XLSX : "text/csv; charset=utf-8"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("ai-inventory." + (xlsx ? "xlsx" : "csv"))
                .build()
                .toString())
        .body(body);
  }

  @PostMapping(path = "/use-cases/import", consumes = "multipart/form-data")
  Map<String, Object> importMultipart(@RequestParam("file") MultipartFile file) throws IOException {
    String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
    String format = name.toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx") ? "xlsx" : "csv";
    return result(transfer.importFile(format, file.getBytes()));
  }

  @PostMapping(
      path = "/use-cases/import",
      consumes = {"text/csv", XLSX})
  Map<String, Object> importRaw(
      @RequestBody byte[] content,
      @org.springframework.web.bind.annotation.RequestHeader("Content-Type") String type) {
    return result(transfer.importFile(type.startsWith("text/csv") ? "csv" : "xlsx", content));
  }

  private static Map<String, Object> result(InventoryTransfer.Result r) {
    return Map.of("created", r.created(), "updated", r.updated());
  }

  @GetMapping("/vendors")
  List<Vendor> vendorList() {
    return vendors.list();
  }

  @GetMapping("/vendors/{id}")
  Vendor vendor(@PathVariable long id) {
    return vendors.get(id);
  }

  @PostMapping("/vendors")
  @ResponseStatus(HttpStatus.CREATED)
  Vendor createVendor(@RequestBody VendorBody body) {
    return vendors.create(body.vendor());
  }

  @PutMapping("/vendors/{id}")
  Vendor updateVendor(@PathVariable long id, @RequestBody VendorBody body) {
    return vendors.update(id, body.vendor());
  }

  static Map<String, Object> json(UseCase u) {
    UseCaseData d = u.data();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", d.key());
    m.put("workspace", d.workspace());
    m.put("name_ja", d.nameJa());
    m.put("name_en", d.nameEn());
    m.put("purpose_ja", d.purposeJa());
    m.put("purpose_en", d.purposeEn());
    m.put("business_owner", d.businessOwner());
    m.put("accountable_executive", d.accountableExecutive());
    m.put("department", d.department());
    m.put("lifecycle_stage", d.lifecycleStage());
    m.put("ai_type", d.aiType());
    m.put("sourcing", d.sourcing());
    m.put("vendor_id", d.vendorId());
    m.put("eu_roles", d.euRoles());
    m.put("geographies", d.geographies());
    m.put("affected_groups", d.affectedGroups());
    m.put("decision_autonomy", d.decisionAutonomy());
    m.put("human_oversight", d.humanOversight());
    m.put("data_categories", d.dataCategories());
    m.put("storage_location", d.storageLocation());
    m.put("processing_location", d.processingLocation());
    m.put("overseas_countries", d.overseasCountries());
    m.put("created_at", u.createdAt());
    m.put("updated_at", u.updatedAt());
    m.put("created_by", u.createdBy());
    return m;
  }
}

package io.kiban.web;

import io.kiban.governance.inventory.Codes;
import io.kiban.governance.inventory.InventoryService;
import io.kiban.governance.inventory.InventoryTransfer;
import io.kiban.governance.inventory.UseCaseData;
import io.kiban.governance.inventory.Vendor;
import io.kiban.governance.inventory.VendorService;
import io.kiban.identity.WorkspaceService;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.error.LineErrors;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The AI inventory screens: list, use case page and form, vendors, findings, import. */
@Controller
class InventoryPages {

  /** The use case form as posted by the browser; lists as checkboxes or comma-separated text. */
  record UseCaseForm(
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
      String vendorId,
      List<String> euRoles,
      String geographies,
      String affectedGroups,
      String decisionAutonomy,
      String humanOversight,
      List<String> dataCategories,
      String storageLocation,
      String processingLocation,
      String overseasCountries) {

    UseCaseData data() {
      Long vendor;
      try {
        vendor = vendorId == null || vendorId.isBlank() ? null : Long.parseLong(vendorId.strip());
      } catch (NumberFormatException e) {
        throw KibanException.invalid("'vendor_id' must be a number.");
      }
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
          vendor,
          euRoles,
          split(geographies),
          split(affectedGroups),
          decisionAutonomy,
          humanOversight,
          dataCategories,
          storageLocation,
          processingLocation,
          split(overseasCountries));
    }

    static List<String> split(String text) {
      return text == null
          ? List.of()
          : Arrays.stream(text.split("[,、;]"))
              .map(String::strip)
              .filter(s -> !s.isEmpty())
              .toList();
    }
  }

  /** The vendor form. */
  record VendorForm(
      String service,
      String provider,
      String hostingCountry,
      String dataLocation,
      String trainsOnCustomerData,
      String certifications,
      String reviewStatus,
      String reviewedOn,
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

  private final InventoryService inventory;
  private final VendorService vendors;
  private final InventoryTransfer transfer;
  private final WorkspaceService workspaces;
  private final UiMessages messages;

  InventoryPages(
      InventoryService inventory,
      VendorService vendors,
      InventoryTransfer transfer,
      WorkspaceService workspaces,
      UiMessages messages) {
    this.inventory = inventory;
    this.vendors = vendors;
    this.transfer = transfer;
    this.workspaces = workspaces;
    this.messages = messages;
  }

  @ModelAttribute("codes")
  java.util.Map<String, List<String>> codes() {
    return java.util.Map.of(
        "stage", Codes.STAGES,
        "aiType", Codes.AI_TYPES,
        "sourcing", Codes.SOURCING,
        "euRole", Codes.EU_ROLES,
        "autonomy", Codes.AUTONOMY,
        "dataCategory", Codes.DATA_CATEGORIES,
        "location", Codes.LOCATIONS,
        "trainingUse", Codes.TRAINING_USE,
        "reviewStatus", Codes.REVIEW_STATUS);
  }

  @GetMapping("/inventory")
  String list(
      @RequestParam(defaultValue = "") String stage,
      @RequestParam(defaultValue = "") String q,
      Model model) {
    model.addAttribute("stage", stage);
    model.addAttribute("q", q);
    model.addAttribute("useCases", inventory.list(stage, null, q));
    model.addAttribute("findings", inventory.openFindings());
    return "inventory";
  }

  @GetMapping("/inventory/new")
  String newForm(Model model) {
    return form(model, null);
  }

  @GetMapping("/inventory/{key}/edit")
  String editForm(@PathVariable String key, Model model) {
    return form(model, inventory.get(key).data());
  }

  private String form(Model model, UseCaseData data) {
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", data);
    }
    model.addAttribute("editing", data != null);
    model.addAttribute("vendors", vendors.list());
    model.addAttribute("workspaces", workspaces.list());
    return "use-case-form";
  }

  @PostMapping("/inventory")
  String create(UseCaseForm form, Model model, RedirectAttributes flash) {
    try {
      String key = inventory.create(form.data()).key();
      flash.addFlashAttribute("notice", messages.get("inv.saved"));
      return "redirect:" + url(key);
    } catch (KibanException e) {
      model.addAttribute("error", messages.explain(e));
      model.addAttribute("form", safeData(form));
      return form(model, null);
    }
  }

  @PostMapping("/inventory/{key}")
  String update(@PathVariable String key, UseCaseForm form, Model model, RedirectAttributes flash) {
    try {
      inventory.update(key, form.data());
      flash.addFlashAttribute("notice", messages.get("inv.saved"));
      return "redirect:" + url(key);
    } catch (KibanException e) {
      model.addAttribute("error", messages.explain(e));
      model.addAttribute("form", safeData(form));
      return form(model, inventory.get(key).data());
    }
  }

  private static UseCaseData safeData(UseCaseForm form) {
    try {
      return form.data();
    } catch (KibanException e) {
      return null;
    }
  }

  @GetMapping("/inventory/{key}")
  String detail(@PathVariable String key, Model model) {
    model.addAttribute("d", inventory.detail(key));
    model.addAttribute("url", url(key));
    return "use-case";
  }

  @PostMapping("/inventory/{key}/models")
  String linkModel(
      @PathVariable String key,
      @RequestParam(defaultValue = "") String model,
      RedirectAttributes flash) {
    return messages.act(
        flash, () -> inventory.linkModel(key, model.strip()), "inv.linked", url(key));
  }

  @PostMapping("/inventory/{key}/models/unlink")
  String unlinkModel(
      @PathVariable String key, @RequestParam String model, RedirectAttributes flash) {
    return messages.act(flash, () -> inventory.unlinkModel(key, model), "inv.unlinked", url(key));
  }

  @PostMapping("/inventory/{key}/datasets")
  String linkDataset(
      @PathVariable String key,
      @RequestParam(defaultValue = "") String dataset,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> {
          try {
            inventory.linkDataset(key, Long.parseLong(dataset.strip()));
          } catch (NumberFormatException e) {
            throw KibanException.invalid("A dataset id is a number.");
          }
        },
        "inv.linked",
        url(key));
  }

  @PostMapping("/inventory/import")
  String importFile(@RequestParam("file") MultipartFile file, RedirectAttributes flash)
      throws IOException {
    String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
    String format = name.toLowerCase(Locale.ROOT).endsWith(".xlsx") ? "xlsx" : "csv";
    try {
      InventoryTransfer.Result r = transfer.importFile(format, file.getBytes());
      flash.addFlashAttribute("notice", messages.get("inv.imported", r.created(), r.updated()));
    } catch (LineErrors e) {
      flash.addFlashAttribute("error", messages.explain(e));
      flash.addFlashAttribute("importErrors", e.errors());
    } catch (KibanException e) {
      flash.addFlashAttribute("error", messages.explain(e));
    }
    return "redirect:/inventory";
  }

  @GetMapping("/vendors")
  String vendorList(Model model) {
    model.addAttribute("vendorList", vendors.list());
    return "vendors";
  }

  @PostMapping("/vendors")
  String createVendor(VendorForm form, RedirectAttributes flash) {
    return messages.act(flash, () -> vendors.create(form.vendor()), "inv.vendorSaved", "/vendors");
  }

  @PostMapping("/vendors/{id}")
  String updateVendor(@PathVariable long id, VendorForm form, RedirectAttributes flash) {
    return messages.act(
        flash, () -> vendors.update(id, form.vendor()), "inv.vendorSaved", "/vendors");
  }

  static String url(String key) {
    return "/inventory/" + URLEncoder.encode(key, StandardCharsets.UTF_8);
  }
}

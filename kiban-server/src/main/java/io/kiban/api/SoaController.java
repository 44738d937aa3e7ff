package io.kiban.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.kiban.governance.soa.SoaExport;
import io.kiban.governance.soa.SoaService;
import io.kiban.platform.error.KibanException;
import io.kiban.storage.ArtifactStore;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The Statement of Applicability: lines, evidence, gap analysis, export. */
@RestController
@RequestMapping(path = "/api/kiban/v1/soa", produces = "application/json")
class SoaController {

  record LineBody(
      Boolean applicable,
      String justification,
      String status,
      String owner,
      String reviewer,
      @JsonProperty("due_date") String dueDate,
      String notes) {}

  record EvidenceBody(String kind, String reference, String title) {}

  private final SoaService soa;
  private final SoaExport export;

  SoaController(SoaService soa, SoaExport export) {
    this.soa = soa;
    this.export = export;
  }

  @GetMapping
  List<SoaService.Line> statement(
      @RequestParam String framework, @RequestParam(defaultValue = "org") String scope) {
    return soa.statement(framework, scope);
  }

  @GetMapping("/gap")
  SoaService.Gap gap(
      @RequestParam String framework, @RequestParam(defaultValue = "org") String scope) {
    return soa.gap(framework, scope);
  }

  @PutMapping("/{scope}/{framework}/{requirement}")
  SoaService.Line set(
      @PathVariable String scope,
      @PathVariable String framework,
      @PathVariable String requirement,
      @RequestBody LineBody body) {
    return soa.set(
        scope,
        framework,
        requirement,
        new SoaService.Input(
            body.applicable(),
            body.justification(),
            body.status(),
            body.owner(),
            body.reviewer(),
            body.dueDate(),
            body.notes()));
  }

  @PostMapping(path = "/{scope}/{framework}/{requirement}/evidence", consumes = "application/json")
  SoaService.Line evidence(
      @PathVariable String scope,
      @PathVariable String framework,
      @PathVariable String requirement,
      @RequestBody EvidenceBody body) {
    return soa.addEvidence(
        scope, framework, requirement, body.kind(), body.reference(), body.title());
  }

  @PostMapping(
      path = "/{scope}/{framework}/{requirement}/evidence",
      consumes = "multipart/form-data")
  SoaService.Line document(
      @PathVariable String scope,
      @PathVariable String framework,
      @PathVariable String requirement,
      @RequestParam("file") MultipartFile file)
      throws IOException {
    try (InputStream in = file.getInputStream()) {
      return soa.addDocument(scope, framework, requirement, file.getOriginalFilename(), in);
    }
  }

  @GetMapping(path = "/evidence/{id}", produces = "*/*")
  void download(@PathVariable long id, HttpServletResponse response) throws IOException {
    ArtifactStore.Content content =
        soa.document(id)
            .orElseThrow(() -> KibanException.notFound("The document is gone from the store."));
    response.setContentType("application/octet-stream");
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename("evidence-" + id).build().toString());
    response.setContentLengthLong(content.size());
    try (InputStream in = content.stream()) {
      in.transferTo(response.getOutputStream());
    }
  }

  @GetMapping(
      path = "/export",
      produces = {"text/html", InventoryController.XLSX, "*/*"})
  ResponseEntity<byte[]> export(
      @RequestParam String framework,
      @RequestParam(defaultValue = "org") String scope,
      @RequestParam(defaultValue = "xlsx") String format,
      @RequestParam(defaultValue = "en") String lang) {
    boolean html = "html".equalsIgnoreCase(format);
    if (!html && !"xlsx".equalsIgnoreCase(format)) {
      throw KibanException.invalid("Unknown format '" + format + "'; use xlsx or html.");
    }
    boolean ja = "ja".equalsIgnoreCase(lang);
    byte[] body = html ? export.html(framework, scope, ja) : export.xlsx(framework, scope, ja);
    return ResponseEntity.ok()
        .contentType(
            MediaType.parseMediaType(html ? "text/html; charset=utf-8" : InventoryController.XLSX))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            (html ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename("soa-" + framework + "-" + scope + (html ? ".html" : ".xlsx"))
                .build()
                .toString())
        .body(body);
  }
}

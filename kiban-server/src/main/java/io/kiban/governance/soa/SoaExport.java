package io.kiban.governance.soa;

import io.kiban.governance.framework.FrameworkService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Service;

/**
 * The Statement of Applicability for auditors: an Excel workbook, or an HTML page laid out for
 * printing to PDF (A4, repeated table header), in Japanese or English.
 */
@Service
public class SoaExport {

  private final SoaService soa;
  private final FrameworkService frameworks;

  public SoaExport(SoaService soa, FrameworkService frameworks) {
    this.soa = soa;
    this.frameworks = frameworks;
  }

  List<String> header(boolean ja) {
    return ja
        ? List.of("要求事項", "表題", "適用", "除外の理由", "状況", "担当者", "レビュー者", "期限", "証跡", "クロスウォークによる充足")
        : List.of(
            "Requirement",
            "Title",
            "Applicable",
            "Justification of exclusion",
            "Status",
            "Owner",
            "Reviewer",
            "Due",
            "Evidence",
            "Covered through crosswalk");
  }

  List<String> row(SoaService.Line l, boolean ja) {
    String applicable =
        l.applicable() == null
            ? (ja ? "未評価" : "not assessed")
            : l.applicable() ? (ja ? "適用" : "yes") : (ja ? "除外" : "no");
    StringBuilder evidence = new StringBuilder();
    for (SoaService.Evidence e : l.evidence()) {
      if (!evidence.isEmpty()) {
        evidence.append("; ");
      }
      evidence.append(e.kind()).append(": ").append(e.title());
      if (e.sha256() != null) {
        evidence.append(" (SHA-256 ").append(e.sha256()).append(')');
      }
    }
    return List.of(
        l.requirement(),
        ja ? l.titleJa() : l.titleEn(),
        applicable,
        nz(l.justification()),
        l.status() == null ? "" : l.status(),
        nz(l.owner()),
        nz(l.reviewer()),
        nz(l.dueDate()) + (l.overdue() ? (ja ? " (期限超過)" : " (overdue)") : ""),
        evidence.toString(),
        String.join(", ", l.coveredVia()));
  }

  public byte[] xlsx(String framework, String scope, boolean ja) {
    List<SoaService.Line> lines = soa.statement(framework, scope);
    try (Workbook book = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = book.createSheet(ja ? "適用宣言書" : "Statement of Applicability");
      List<String> header = header(ja);
      Row h = sheet.createRow(0);
      for (int c = 0; c < header.size(); c++) {
        h.createCell(c).setCellValue(header.get(c));
      }
      int r = 1;
      for (SoaService.Line l : lines) {
        Row row = sheet.createRow(r++);
        List<String> values = row(l, ja);
        for (int c = 0; c < values.size(); c++) {
          row.createCell(c).setCellValue(values.get(c));
        }
      }
      sheet.createFreezePane(0, 1);
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public byte[] html(String framework, String scope, boolean ja) {
    List<SoaService.Line> lines = soa.statement(framework, scope);
    SoaService.Gap gap = soa.gap(framework, scope);
    FrameworkService.Framework f = frameworks.get(framework, null);
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html><html lang=\"")
        .append(ja ? "ja" : "en")
        .append("\"><head><meta charset=\"utf-8\"><title>")
        .append(esc((ja ? "適用宣言書 " : "Statement of Applicability ") + f.key()))
        .append(
            "</title><style>@page{size:A4 landscape;margin:12mm}body{font-family:'IPAexGothic',sans-serif;font-size:9pt}")
        .append(
            "table{border-collapse:collapse;width:100%}th,td{border:1px solid #888;padding:2px 4px;vertical-align:top}")
        .append("thead{display:table-header-group}tr{page-break-inside:avoid}</style></head><body>")
        .append("<h1>")
        .append(
            esc((ja ? "適用宣言書: " : "Statement of Applicability: ") + (ja ? f.nameJa() : f.nameEn())))
        .append("</h1>")
        .append("<p>")
        .append(
            esc(
                (ja ? "範囲: " : "Scope: ")
                    + gap.scope()
                    + (ja ? " / 版: " : " / version: ")
                    + f.version()))
        .append("</p>")
        .append("<p>")
        .append(
            esc(
                (ja ? "適用 " : "Applicable ")
                    + gap.applicable()
                    + (ja ? " / 除外 " : " / excluded ")
                    + gap.excluded()
                    + (ja ? " / 未評価 " : " / not assessed ")
                    + gap.notAssessed()
                    + (ja ? " / 実施済み " : " / implemented ")
                    + gap.implementedPercent()
                    + "%"))
        .append("</p>")
        .append("<table><thead><tr>");
    header(ja).forEach(h -> sb.append("<th>").append(esc(h)).append("</th>"));
    sb.append("</tr></thead><tbody>");
    for (SoaService.Line l : lines) {
      sb.append("<tr>");
      row(l, ja).forEach(v -> sb.append("<td>").append(esc(v)).append("</td>"));
      sb.append("</tr>");
    }
    sb.append("</tbody></table></body></html>");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}

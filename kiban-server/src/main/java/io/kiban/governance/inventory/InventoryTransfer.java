package io.kiban.governance.inventory;

import io.kiban.platform.error.KibanException;
import io.kiban.platform.error.LineErrors;
import io.kiban.platform.error.LineErrors.LineError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inventory as CSV (UTF-8 with BOM, so Excel opens Japanese text correctly) and Excel
 * workbooks, one use case per row with a header row; lists are separated by ';'. An import creates
 * new keys and updates existing ones, all or nothing: every problem is reported with its line, and
 * a file with any problem writes nothing.
 */
@Service
public class InventoryTransfer {

  public static final List<String> COLUMNS =
      List.of(
          "key",
          "workspace",
          "name_ja",
          "name_en",
          "purpose_ja",
          "purpose_en",
          "business_owner",
          "accountable_executive",
          "department",
          "lifecycle_stage",
          "ai_type",
          "sourcing",
          "vendor_id",
          "eu_roles",
          "geographies",
          "affected_groups",
          "decision_autonomy",
          "human_oversight",
          "data_categories",
          "storage_location",
          "processing_location",
          "overseas_countries");

  static final int MAX_ROWS = 10_000;

  /** What an import did. */
  public record Result(int created, int updated) {}

  private final InventoryService inventory;

  public InventoryTransfer(InventoryService inventory) {
    this.inventory = inventory;
  }

  // --- export

  @Transactional(readOnly = true)
  public byte[] exportCsv() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180)) {
      writer.write('\uFEFF');
      csv.printRecord(COLUMNS);
      for (UseCase u : inventory.list(null, null, null)) {
        csv.printRecord(values(u.data()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Transactional(readOnly = true)
  public byte[] exportXlsx() {
    try (Workbook book = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = book.createSheet("AI inventory");
      CellStyle bold = book.createCellStyle();
      Font font = book.createFont();
      font.setBold(true);
      bold.setFont(font);
      Row header = sheet.createRow(0);
      for (int c = 0; c < COLUMNS.size(); c++) {
        Cell cell = header.createCell(c);
        cell.setCellValue(COLUMNS.get(c));
        cell.setCellStyle(bold);
      }
      int r = 1;
      for (UseCase u : inventory.list(null, null, null)) {
        Row row = sheet.createRow(r++);
        List<String> values = values(u.data());
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

  static List<String> values(UseCaseData d) {
    return List.of(
        d.key(),
        d.workspace(),
        d.nameJa(),
        d.nameEn(),
        nz(d.purposeJa()),
        nz(d.purposeEn()),
        nz(d.businessOwner()),
        nz(d.accountableExecutive()),
        nz(d.department()),
        d.lifecycleStage(),
        d.aiType(),
        d.sourcing(),
        d.vendorId() == null ? "" : String.valueOf(d.vendorId()),
        String.join(";", d.euRoles()),
        String.join(";", d.geographies()),
        String.join(";", d.affectedGroups()),
        d.decisionAutonomy(),
        nz(d.humanOversight()),
        String.join(";", d.dataCategories()),
        d.storageLocation(),
        d.processingLocation(),
        String.join(";", d.overseasCountries()));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  // --- import

  /** Imports a CSV or Excel file ({@code format} "csv" or "xlsx"). */
  @Transactional
  public Result importFile(String format, byte[] content) {
    List<Map<String, String>> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    List<LineError> errors = new ArrayList<>();
    switch (format == null ? "" : format.toLowerCase(Locale.ROOT)) {
      case "csv" -> readCsv(content, rows, lines, errors);
      case "xlsx" -> readXlsx(content, rows, lines, errors);
      default -> throw KibanException.invalid("Unknown format '" + format + "'; use csv or xlsx.");
    }
    if (errors.stream().anyMatch(e -> e.line() == 1)) {
      throw new LineErrors("The inventory file", errors);
    }
    if (rows.isEmpty() && errors.isEmpty()) {
      throw KibanException.invalid("The file has a header but no use cases.");
    }
    if (rows.size() > MAX_ROWS) {
      throw KibanException.invalid("The file has more than " + MAX_ROWS + " use cases.");
    }
    List<UseCaseData> valid = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, String> row = rows.get(i);
      try {
        UseCaseData data = toData(row);
        if (seen.contains(data.key())) {
          errors.add(
              new LineError(lines.get(i), "key", "Use case '" + data.key() + "' appears twice."));
          continue;
        }
        seen.add(data.key());
        String existing = exists(data.key()) ? data.key() : null;
        valid.add(inventory.validate(data, existing));
      } catch (KibanException e) {
        errors.add(new LineError(lines.get(i), fieldOf(e.getMessage()), e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      List<LineError> sorted = new ArrayList<>(errors);
      sorted.sort(java.util.Comparator.comparingInt(LineError::line));
      throw new LineErrors("The inventory file", sorted);
    }
    int created = 0;
    int updated = 0;
    for (int i = 0; i < valid.size(); i++) {
      UseCaseData data = valid.get(i);
      try {
        if (exists(data.key())) {
          inventory.update(data.key(), data);
          updated++;
        } else {
          inventory.create(data);
          created++;
        }
      } catch (KibanException e) {
        throw new LineErrors(
            "The inventory file",
            List.of(new LineError(lines.get(i), fieldOf(e.getMessage()), e.getMessage())));
      }
    }
    return new Result(created, updated);
  }

  private boolean exists(String key) {
    return inventory.exists(key);
  }

  private static String fieldOf(String message) {
    int start = message.indexOf('\'');
    int end = start < 0 ? -1 : message.indexOf('\'', start + 1);
    if (start >= 0 && end > start) {
      String candidate = message.substring(start + 1, end);
      if (COLUMNS.contains(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  static UseCaseData toData(Map<String, String> row) {
    Long vendor = null;
    String vendorText = row.getOrDefault("vendor_id", "").strip();
    if (!vendorText.isEmpty()) {
      try {
        vendor = Long.parseLong(vendorText);
      } catch (NumberFormatException e) {
        throw KibanException.invalid("'vendor_id' must be a number, not '" + vendorText + "'.");
      }
    }
    return new UseCaseData(
        row.get("key"),
        row.get("workspace"),
        row.get("name_ja"),
        row.get("name_en"),
        row.get("purpose_ja"),
        row.get("purpose_en"),
        row.get("business_owner"),
        row.get("accountable_executive"),
        row.get("department"),
        row.get("lifecycle_stage"),
        row.get("ai_type"),
        row.get("sourcing"),
        vendor,
        list(row.get("eu_roles")),
        list(row.get("geographies")),
        list(row.get("affected_groups")),
        row.get("decision_autonomy"),
        row.get("human_oversight"),
        list(row.get("data_categories")),
        row.get("storage_location"),
        row.get("processing_location"),
        list(row.get("overseas_countries")));
  }

  static List<String> list(String cell) {
    if (cell == null || cell.isBlank()) {
      return List.of();
    }
    return Arrays.stream(cell.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static void checkHeader(List<String> header, List<LineError> errors) {
    for (String h : header) {
      if (!COLUMNS.contains(h)) {
        errors.add(
            new LineError(1, h, "Unknown column '" + h + "'; the columns are " + COLUMNS + "."));
      }
    }
    for (String required : List.of("key", "name_ja", "name_en")) {
      if (!header.contains(required)) {
        errors.add(new LineError(1, required, "The header has no '" + required + "' column."));
      }
    }
  }

  private static void readCsv(
      byte[] content, List<Map<String, String>> rows, List<Integer> lines, List<LineError> errors) {
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    try (Reader reader =
        new InputStreamReader(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            StandardCharsets.UTF_8)) {
      org.apache.commons.csv.CSVParser parser =
          CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get().parse(reader);
      List<String> header = null;
      long previousEnd = 0;
      for (CSVRecord record : parser) {
        int line = (int) previousEnd + 1;
        previousEnd = parser.getCurrentLineNumber();
        if (header == null) {
          header = record.stream().map(String::strip).toList();
          checkHeader(header, errors);
          continue;
        }
        if (record.size() != header.size()) {
          errors.add(
              new LineError(
                  line,
                  null,
                  "Row has "
                      + record.size()
                      + " values but the header has "
                      + header.size()
                      + "."));
          continue;
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
          row.put(header.get(c), record.get(c));
        }
        rows.add(row);
        lines.add(line);
      }
      if (header == null) {
        errors.add(new LineError(1, null, "The file is empty; the first line must be the header."));
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      errors.add(new LineError(1, null, "The CSV cannot be read: " + e.getMessage()));
    }
  }

  private static void readXlsx(
      byte[] content, List<Map<String, String>> rows, List<Integer> lines, List<LineError> errors) {
    try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(content))) {
      Sheet sheet = book.getSheetAt(0);
      DataFormatter formatter = new DataFormatter(Locale.ROOT);
      Row headerRow = sheet.getRow(sheet.getFirstRowNum());
      if (headerRow == null) {
        errors.add(new LineError(1, null, "The first sheet is empty; row 1 must be the header."));
        return;
      }
      List<String> header = new ArrayList<>();
      for (int c = 0; c < headerRow.getLastCellNum(); c++) {
        header.add(formatter.formatCellValue(headerRow.getCell(c)).strip());
      }
      checkHeader(header, errors);
      for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        if (row == null) {
          continue;
        }
        Map<String, String> values = new LinkedHashMap<>();
        boolean empty = true;
        for (int c = 0; c < header.size(); c++) {
          String v = formatter.formatCellValue(row.getCell(c));
          empty &= v.isBlank();
          values.put(header.get(c), v);
        }
        if (!empty) {
          rows.add(values);
          lines.add(r + 1);
        }
      }
    } catch (IOException | RuntimeException e) {
      errors.add(new LineError(1, null, "The file is not a readable Excel workbook (.xlsx)."));
    }
  }
}

package io.kiban.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.support.RawHttp;
import io.kiban.support.RawHttp.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The AI inventory through Kiban's API: use cases, validation, links to models (explicit and by the
 * kiban.use_case tag), versions in production, runs and datasets, vendors, data-residency findings,
 * workspace access, and CSV/Excel import and export. Runs once per database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractInventoryIT {

  static final String INV = "/api/kiban/v1/";
  static final String ML = "/api/2.0/mlflow/";
  static final String PASSWORD = "Correct-Horse-Battery-9";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  RawHttp admin() {
    return new RawHttp(port);
  }

  static String key() {
    return "UC-" + UUID.randomUUID().toString().substring(0, 6);
  }

  static String useCase(String key, String extra) {
    return "{\"key\":\""
        + key
        + "\",\"name_ja\":\"与信審査モデル\",\"name_en\":\"Credit scoring\","
        + "\"purpose_ja\":\"個人向けローンの審査\",\"purpose_en\":\"Consumer loan decisions\","
        + "\"business_owner\":\"Retail Banking\",\"accountable_executive\":\"CRO\","
        + "\"department\":\"Credit Risk\",\"lifecycle_stage\":\"development\","
        + "\"ai_type\":\"predictive_ml\",\"sourcing\":\"in_house\","
        + "\"eu_roles\":[\"provider\",\"deployer\"],\"geographies\":[\"JP\",\"DE\"],"
        + "\"affected_groups\":[\"loan applicants\"],\"decision_autonomy\":\"human_in_the_loop\","
        + "\"human_oversight\":\"A credit officer reviews every decline\","
        + "\"data_categories\":[\"personal\",\"confidential\"],"
        + "\"storage_location\":\"on_premises\",\"processing_location\":\"on_premises\""
        + extra
        + "}";
  }

  @Test
  void useCasesAreRecordedValidatedAndAudited() {
    String key = key();
    Response created = admin().post(INV + "use-cases", useCase(key, ""));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode json = created.json();
    assertThat(json.path("name_ja").asString()).isEqualTo("与信審査モデル");
    assertThat(json.path("workspace").asString()).isEqualTo("default");
    assertThat(json.path("eu_roles").toString()).contains("provider", "deployer");
    assertThat(json.path("geographies").toString()).contains("JP", "DE");
    assertThat(admin().post(INV + "use-cases", useCase(key, "")).status()).isEqualTo(400);
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM audit_event WHERE action = 'use_case.created' AND entity_id = ?")
                .param(key)
                .query(Long.class)
                .single())
        .isEqualTo(1);

    Response updated =
        admin()
            .method(
                "PUT",
                INV + "use-cases/" + key,
                useCase(key, "").replace("development", "validation"));
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updated.json().path("lifecycle_stage").asString()).isEqualTo("validation");
    assertThat(
            jdbc.sql(
                    "SELECT detail FROM audit_event WHERE action = 'use_case.updated' AND entity_id = ?")
                .param(key)
                .query(String.class)
                .single())
        .contains("lifecycleStage: development -> validation");

    String[][] bad = {
      {useCase(key(), "").replace("\"name_en\":\"Credit scoring\",", ""), "name_en"},
      {useCase(key(), "").replace("development", "someday"), "lifecycle_stage"},
      {useCase(key(), "").replace("\"in_house\"", "\"external_api\""), "vendor_id"},
      {
        useCase(key(), ",\"vendor_id\":999999").replace("\"in_house\"", "\"procured_product\""),
        "Vendor 999999"
      },
      {
        useCase(key(), "")
            .replace(
                "\"processing_location\":\"on_premises\"", "\"processing_location\":\"overseas\""),
        "overseas_countries"
      },
      {useCase(key(), "").replace("\"JP\",\"DE\"", "\"JP\",\"Germany\""), "ISO 3166"},
      {useCase("bad key!", ""), "key"},
      {useCase(key(), ",\"workspace\":\"nowhere\""), "nowhere"},
    };
    for (String[] b : bad) {
      Response r = admin().post(INV + "use-cases", b[0]);
      assertThat(r.status()).as(b[1] + " " + r.body()).isEqualTo(400);
      assertThat(r.json().path("detail").asString()).as(b[1]).contains(b[1]);
    }
    assertThat(admin().get(INV + "use-cases/NO-SUCH").status()).isEqualTo(404);
    assertThat(admin().method("PUT", INV + "use-cases/" + key, useCase("OTHER-1", "")).status())
        .as("the key cannot change")
        .isEqualTo(400);
  }

  @Test
  void theUseCasePageShowsModelsVersionsInProductionRunsAndDatasets() {
    String key = key();
    admin().post(INV + "use-cases", useCase(key, ""));
    RawHttp http = admin();
    String exp =
        http.post(ML + "experiments/create", "{\"name\":\"inv-" + key + "\"}")
            .json()
            .path("experiment_id")
            .asString();
    String run =
        http.post(ML + "runs/create", "{\"experiment_id\":\"" + exp + "\"}")
            .json()
            .path("run")
            .path("info")
            .path("run_id")
            .asString();
    http.post(
        ML + "runs/log-inputs",
        "{\"run_id\":\""
            + run
            + "\",\"datasets\":[{\"dataset\":{\"name\":\"loans-2026\","
            + "\"digest\":\"abc123\",\"source_type\":\"local\",\"source\":\"/data/loans.csv\"}}]}");
    String tagged = "tagged-" + key;
    String linked = "linked-" + key;
    assertThat(
            http.post(
                    ML + "registered-models/create",
                    "{\"name\":\""
                        + tagged
                        + "\",\"tags\":[{\"key\":\"kiban.use_case\",\"value\":\""
                        + key
                        + "\"}]}")
                .status())
        .isEqualTo(200);
    http.post(ML + "registered-models/create", "{\"name\":\"" + linked + "\"}");
    http.post(
        ML + "model-versions/create",
        "{\"name\":\""
            + tagged
            + "\",\"source\":\"runs:/"
            + run
            + "/model\",\"run_id\":\""
            + run
            + "\"}");
    http.post(
        INV + "use-cases/" + key + "/classifications",
        "{\"prohibited_practices\":[],\"annex_i_safety_component\":false,\"annex_iii_areas\":[],"
            + "\"transparency\":[],\"general_purpose_model\":false}");
    assertThat(
            http.post(
                    ML + "registered-models/alias",
                    "{\"name\":\"" + tagged + "\",\"alias\":\"production\",\"version\":\"1\"}")
                .status())
        .as("a classified minimal-risk use case passes the default gate")
        .isEqualTo(200);
    Response link =
        http.post(INV + "use-cases/" + key + "/models", "{\"model\":\"" + linked + "\"}");
    assertThat(link.status()).isEqualTo(201);
    assertThat(
            http.post(INV + "use-cases/" + key + "/models", "{\"model\":\"no-such-model\"}")
                .status())
        .isEqualTo(404);

    JsonNode detail = http.get(INV + "use-cases/" + key).json();
    assertThat(detail.path("models").toString()).contains(tagged, linked);
    JsonNode taggedModel = null;
    for (JsonNode m : detail.path("models")) {
      if (m.path("name").asString().equals(tagged)) {
        taggedModel = m;
      }
    }
    assertThat(taggedModel).isNotNull();
    assertThat(taggedModel.path("linkedBy").asString()).isEqualTo("tag");
    assertThat(taggedModel.path("productionVersions").toString()).contains("1");
    assertThat(detail.path("runs").toString()).contains(run);
    assertThat(detail.path("datasets").toString()).contains("loans-2026", "abc123");

    Response unlink = http.method("DELETE", INV + "use-cases/" + key + "/models/" + linked, "");
    assertThat(unlink.status()).isEqualTo(200);
    assertThat(http.get(INV + "use-cases/" + key).json().path("models").toString())
        .doesNotContain(linked);
  }

  @Test
  void dataResidencyRulesOpenAndResolveFindings() {
    String key = key();
    admin()
        .post(
            INV + "use-cases",
            useCase(key, ",\"overseas_countries\":[\"US\"]")
                .replace(
                    "\"processing_location\":\"on_premises\"",
                    "\"processing_location\":\"overseas\""));
    JsonNode findings = admin().get(INV + "use-cases/" + key).json().path("findings");
    assertThat(findings.toString())
        .contains("personal-data-in-country", "confidential-data-in-country", "US");
    assertThat(admin().get(INV + "residency-findings").body()).contains(key);

    admin().method("PUT", INV + "use-cases/" + key, useCase(key, ""));
    assertThat(admin().get(INV + "use-cases/" + key).json().path("findings")).isEmpty();
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM residency_finding WHERE use_case_key = ? AND resolved_at IS NOT NULL")
                .param(key)
                .query(Long.class)
                .single())
        .isEqualTo(2);

    Response vendor =
        admin()
            .post(
                INV + "vendors",
                "{\"service\":\"Chat API "
                    + key
                    + "\",\"provider\":\"Example AI Inc.\","
                    + "\"hosting_country\":\"US\",\"data_location\":\"overseas\","
                    + "\"trains_on_customer_data\":\"opt_out\",\"certifications\":\"ISO/IEC 27001\","
                    + "\"review_status\":\"in_review\",\"reviewed_on\":\"2026-11-01\"}");
    assertThat(vendor.status()).as(vendor.body()).isEqualTo(201);
    long vendorId = vendor.json().path("vendorId").asLong();
    admin()
        .method(
            "PUT",
            INV + "use-cases/" + key,
            useCase(key, ",\"vendor_id\":" + vendorId).replace("\"in_house\"", "\"external_api\""));
    assertThat(admin().get(INV + "use-cases/" + key).json().path("findings").toString())
        .contains("Example AI Inc.");
    Response moved =
        admin()
            .method(
                "PUT",
                INV + "vendors/" + vendorId,
                "{\"service\":\"Chat API "
                    + key
                    + "\",\"provider\":\"Example AI Inc.\","
                    + "\"hosting_country\":\"JP\",\"data_location\":\"domestic_cloud\","
                    + "\"trains_on_customer_data\":\"no\",\"review_status\":\"approved\","
                    + "\"reviewed_on\":\"2026-11-20\"}");
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(admin().get(INV + "use-cases/" + key).json().path("findings"))
        .as("a vendor change re-evaluates its use cases")
        .isEmpty();
    Response badVendor =
        admin()
            .post(
                INV + "vendors",
                "{\"service\":\"x\",\"provider\":\"y\",\"hosting_country\":\"XX\",\"data_location\":\"overseas\",\"trains_on_customer_data\":\"no\"}");
    assertThat(badVendor.status()).isEqualTo(400);
    assertThat(badVendor.json().path("detail").asString()).contains("hosting_country");
  }

  @Test
  void useCasesFollowWorkspaceAccess() {
    RawHttp admin = admin();
    String team = "inv-" + UUID.randomUUID().toString().substring(0, 6);
    admin.post(INV + "workspaces", "{\"name\":\"" + team + "\"}");
    String key = key();
    assertThat(
            admin.post(INV + "use-cases", useCase(key, ",\"workspace\":\"" + team + "\"")).status())
        .isEqualTo(201);
    String outsider = "outsider-" + UUID.randomUUID().toString().substring(0, 6);
    String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 6);
    for (String u : new String[] {outsider, viewer}) {
      admin.post(INV + "users", "{\"username\":\"" + u + "\",\"password\":\"" + PASSWORD + "\"}");
    }
    admin.post(
        INV + "users/" + outsider + "/grants",
        "{\"role\":\"governance_officer\",\"workspace\":\"default\"}");
    admin.post(
        INV + "users/" + viewer + "/grants",
        "{\"role\":\"viewer\",\"workspace\":\"" + team + "\"}");
    RawHttp out = RawHttp.withPassword(port, outsider, PASSWORD);
    assertThat(out.get(INV + "use-cases/" + key).status()).isEqualTo(403);
    assertThat(out.get(INV + "use-cases").body()).doesNotContain(key);
    RawHttp view = RawHttp.withPassword(port, viewer, PASSWORD);
    assertThat(view.get(INV + "use-cases/" + key).status()).isEqualTo(200);
    assertThat(
            view.method(
                    "PUT",
                    INV + "use-cases/" + key,
                    useCase(key, ",\"workspace\":\"" + team + "\""))
                .status())
        .isEqualTo(403);
    assertThat(view.post(INV + "vendors", "{}").status()).isEqualTo(403);
  }

  @Test
  void csvAndExcelRoundTripAndBadFilesAreRejectedLineByLine() throws Exception {
    String key = key();
    admin().post(INV + "use-cases", useCase(key, ""));
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<byte[]> csv =
        client.send(
            HttpRequest.newBuilder(URI.create(admin().base() + INV + "use-cases/export?format=csv"))
                .header("Authorization", io.kiban.support.TestAuth.adminBasic())
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(csv.statusCode()).isEqualTo(200);
    String text = new String(csv.body(), StandardCharsets.UTF_8);
    assertThat(text)
        .startsWith("\uFEFFkey,workspace,name_ja")
        .contains(key, "与信審査モデル", "deployer;provider");

    String newKey = key();
    String header = text.lines().findFirst().orElseThrow().substring(1);
    String row = text.lines().filter(l -> l.startsWith(key)).findFirst().orElseThrow();
    String imported =
        header
            + "\n"
            + row.replace("development", "validation")
            + "\n"
            + row.replace(key, newKey)
            + "\n";
    Response ok =
        admin()
            .send(
                HttpRequest.newBuilder(URI.create(admin().base() + INV + "use-cases/import"))
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(imported)));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().path("created").asInt()).isEqualTo(1);
    assertThat(ok.json().path("updated").asInt()).isEqualTo(1);
    assertThat(admin().get(INV + "use-cases/" + key).json().path("lifecycle_stage").asString())
        .isEqualTo("validation");

    String third = key();
    String badFile =
        header
            + "\n"
            + row.replace(key, third)
            + "\n"
            + row.replace(key, key()).replace("predictive_ml", "crystal_ball")
            + "\n"
            + "only,three,values\n";
    Response bad =
        admin()
            .send(
                HttpRequest.newBuilder(URI.create(admin().base() + INV + "use-cases/import"))
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(badFile)));
    assertThat(bad.status()).as(bad.body()).isEqualTo(400);
    JsonNode errors = bad.json().path("errors");
    assertThat(errors.toString()).contains("\"line\":3", "ai_type", "crystal_ball", "\"line\":4");
    assertThat(admin().get(INV + "use-cases/" + third).status())
        .as("nothing written")
        .isEqualTo(404);

    Response unknownColumn =
        admin()
            .send(
                HttpRequest.newBuilder(URI.create(admin().base() + INV + "use-cases/import"))
                    .header("Content-Type", "text/csv")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "key,name_ja,name_en,colour\nA-1,a,b,red\n")));
    assertThat(unknownColumn.status()).isEqualTo(400);
    assertThat(unknownColumn.json().path("errors").toString()).contains("colour", "\"line\":1");

    HttpResponse<byte[]> xlsx =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(admin().base() + INV + "use-cases/export?format=xlsx"))
                .header("Authorization", io.kiban.support.TestAuth.adminBasic())
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(xlsx.statusCode()).isEqualTo(200);
    byte[] changed;
    String xlsxKey = key();
    try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      Sheet sheet = book.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("key");
      Row copy = null;
      for (Row r : sheet) {
        if (r.getCell(0).getStringCellValue().equals(key)) {
          copy = r;
        }
      }
      assertThat(copy).isNotNull();
      Row added = sheet.createRow(sheet.getLastRowNum() + 1);
      for (int c = 0; c < copy.getLastCellNum(); c++) {
        added.createCell(c).setCellValue(copy.getCell(c).getStringCellValue());
      }
      added.getCell(0).setCellValue(xlsxKey);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      book.write(out);
      changed = out.toByteArray();
    }
    Response xlsxImport =
        admin()
            .send(
                HttpRequest.newBuilder(URI.create(admin().base() + INV + "use-cases/import"))
                    .header(
                        "Content-Type",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(changed)));
    assertThat(xlsxImport.status()).as(xlsxImport.body()).isEqualTo(200);
    assertThat(admin().get(INV + "use-cases/" + xlsxKey).json().path("name_ja").asString())
        .isEqualTo("与信審査モデル");
    Response notExcel =
        admin()
            .send(
                HttpRequest.newBuilder(URI.create(admin().base() + INV + "use-cases/import"))
                    .header(
                        "Content-Type",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    .POST(HttpRequest.BodyPublishers.ofString("not a workbook")));
    assertThat(notExcel.status()).isEqualTo(400);
  }
}

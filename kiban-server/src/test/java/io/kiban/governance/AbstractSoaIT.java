package io.kiban.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.support.RawHttp;
import io.kiban.support.RawHttp.Response;
import io.kiban.support.TestAuth;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The Statement of Applicability: lines, evidence, crosswalk reuse, gap analysis, export. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractSoaIT {

  static final String API = "/api/kiban/v1/";

  @LocalServerPort int port;

  RawHttp admin() {
    return new RawHttp(port);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  String useCase() {
    String key = "UC-S" + UUID.randomUUID().toString().substring(0, 5);
    admin()
        .post(
            API + "use-cases",
            "{\"key\":\""
                + key
                + "\",\"name_ja\":\"審査\",\"name_en\":\"Screening\","
                + "\"lifecycle_stage\":\"development\",\"ai_type\":\"predictive_ml\","
                + "\"sourcing\":\"in_house\",\"decision_autonomy\":\"human_decides\","
                + "\"storage_location\":\"on_premises\",\"processing_location\":\"on_premises\"}");
    return key;
  }

  @Test
  void linesEvidenceCrosswalkReuseAndGapAnalysis() throws Exception {
    String scope = useCase();
    String base = API + "soa/" + scope + "/";
    Response set =
        admin()
            .method(
                "PUT",
                base + "iso42001/A.3.2",
                "{\"applicable\":true,\"status\":\"implemented\",\"owner\":\"CRO\",\"reviewer\":\"Internal audit\"}");
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    Response link =
        admin()
            .post(
                base + "iso42001/A.3.2/evidence",
                "{\"kind\":\"link\",\"reference\":\"https://intra.example.co.jp/raci\",\"title\":\"RACI chart\"}");
    assertThat(link.status()).as(link.body()).isEqualTo(200);
    assertThat(link.json().path("evidence").get(0).path("title").asString())
        .isEqualTo("RACI chart");

    byte[] doc = "AI policy v3 — 承認済み".getBytes(StandardCharsets.UTF_8);
    String boundary = "----kiban" + UUID.randomUUID();
    String multipart =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"policy.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\n"
            + new String(doc, StandardCharsets.UTF_8)
            + "\r\n--"
            + boundary
            + "--\r\n";
    Response uploaded =
        admin()
            .send(
                HttpRequest.newBuilder(
                        URI.create(admin().base() + base + "iso42001/A.3.2/evidence"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(multipart)));
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
    JsonNode stored = uploaded.json().path("evidence").get(1);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(doc));
    assertThat(stored.path("sha256").asString()).isEqualTo(expected);
    HttpResponse<byte[]> download =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            admin().base() + API + "soa/evidence/" + stored.path("id").asLong()))
                    .header("Authorization", TestAuth.adminBasic())
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(doc);

    admin()
        .method(
            "PUT",
            base + "nist-ai-rmf/" + enc("GOVERN 2.1"),
            "{\"applicable\":true,\"status\":\"in_progress\",\"due_date\":\"2020-01-31\"}");
    JsonNode nist = null;
    for (JsonNode l : admin().get(API + "soa?framework=nist-ai-rmf&scope=" + scope).json()) {
      if (l.path("requirement").asString().equals("GOVERN 2.1")) {
        nist = l;
      }
    }
    assertThat(nist).isNotNull();
    assertThat(nist.path("coveredVia").toString()).contains("iso42001:A.3.2");
    assertThat(nist.path("overdue").asBoolean()).isTrue();
    JsonNode gap = admin().get(API + "soa/gap?framework=nist-ai-rmf&scope=" + scope).json();
    assertThat(gap.path("requirements").asInt()).isEqualTo(72);
    assertThat(gap.path("applicable").asInt()).isEqualTo(1);
    assertThat(gap.path("coveredThroughCrosswalk").asInt()).isEqualTo(1);
    assertThat(gap.path("overdue").toString()).contains("GOVERN 2.1");

    Response excluded = admin().method("PUT", base + "iso42001/A.10.4", "{\"applicable\":false}");
    assertThat(excluded.status()).isEqualTo(400);
    assertThat(excluded.json().path("detail").asString()).contains("justification");
    assertThat(
            admin()
                .method(
                    "PUT",
                    base + "iso42001/A.10.4",
                    "{\"applicable\":false,\"justification\":\"No external customers\"}")
                .status())
        .isEqualTo(200);
    JsonNode isoGap = admin().get(API + "soa/gap?framework=iso42001&scope=" + scope).json();
    assertThat(isoGap.path("excluded").asInt()).isEqualTo(1);
    assertThat(isoGap.path("implementedPercent").asDouble()).isEqualTo(100.0);

    assertThat(admin().method("PUT", base + "iso42001/A.99", "{\"applicable\":true}").status())
        .isEqualTo(404);
    assertThat(admin().method("PUT", base + "iso42001/A.3", "{\"applicable\":true}").status())
        .as("a group, not a leaf")
        .isEqualTo(400);
    assertThat(
            admin()
                .method(
                    "PUT",
                    base + "iso42001/A.2.2",
                    "{\"applicable\":true,\"status\":\"not_applicable\"}")
                .status())
        .isEqualTo(400);
    assertThat(
            admin()
                .post(
                    base + "iso42001/A.2.2/evidence",
                    "{\"kind\":\"link\",\"reference\":\"https://x\"}")
                .status())
        .as("evidence needs a line first")
        .isEqualTo(400);
    assertThat(
            admin()
                .post(
                    base + "iso42001/A.3.2/evidence",
                    "{\"kind\":\"run\",\"reference\":\"0123456789abcdef0123456789abcdef\"}")
                .status())
        .isEqualTo(404);
    assertThat(
            admin()
                .post(
                    base + "iso42001/A.3.2/evidence",
                    "{\"kind\":\"link\",\"reference\":\"ftp://x\"}")
                .status())
        .isEqualTo(400);

    HttpResponse<byte[]> xlsx =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            admin().base()
                                + API
                                + "soa/export?framework=iso42001&format=xlsx&lang=ja&scope="
                                + scope))
                    .header("Authorization", TestAuth.adminBasic())
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(xlsx.statusCode()).isEqualTo(200);
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("要求事項");
      assertThat(book.getSheetAt(0).getPhysicalNumberOfRows()).isEqualTo(38 + 27 + 1);
    }
    Response html = admin().get(API + "soa/export?framework=iso42001&format=html&scope=" + scope);
    assertThat(html.body())
        .contains("Statement of Applicability", "No external customers", expected);
  }

  @Test
  void theOrganisationsStatementNeedsGovernEverywhere() {
    String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 5);
    admin()
        .post(
            API + "users",
            "{\"username\":\"" + viewer + "\",\"password\":\"Correct-Horse-Battery-9\"}");
    admin().post(API + "users/" + viewer + "/grants", "{\"role\":\"viewer\",\"workspace\":\"*\"}");
    RawHttp http = RawHttp.withPassword(port, viewer, "Correct-Horse-Battery-9");
    assertThat(http.method("PUT", API + "soa/org/iso42001/A.2.2", "{\"applicable\":true}").status())
        .isEqualTo(403);
    assertThat(http.get(API + "soa?framework=iso42001").status()).isEqualTo(200);
  }
}

package io.kiban.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.support.RawHttp;
import io.kiban.support.RawHttp.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The framework library: shipped catalog counts, crosswalks, imports and their errors. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractFrameworkIT {

  static final String API = "/api/kiban/v1/";

  @LocalServerPort int port;

  RawHttp admin() {
    return new RawHttp(port);
  }

  long count(JsonNode requirements, String kind) {
    long n = 0;
    for (JsonNode r : requirements) {
      if (r.path("kind").asString().equals(kind)) {
        n++;
      }
    }
    return n;
  }

  Response importAs(String type, String body, String query) {
    return admin()
        .send(
            HttpRequest.newBuilder(URI.create(admin().base() + API + "frameworks/import" + query))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  void shippedCatalogsHaveTheRightShape() {
    JsonNode iso = admin().get(API + "frameworks/iso42001").json().path("requirements");
    assertThat(count(iso, "control")).as("ISO/IEC 42001 Annex A controls").isEqualTo(38);
    assertThat(count(iso, "control_group")).isEqualTo(10);
    assertThat(count(iso, "clause")).as("clauses 4-10").isEqualTo(7);
    JsonNode nist = admin().get(API + "frameworks/nist-ai-rmf").json().path("requirements");
    assertThat(count(nist, "function")).isEqualTo(4);
    assertThat(count(nist, "category")).isEqualTo(19);
    assertThat(count(nist, "subcategory")).isEqualTo(72);
    JsonNode jp = admin().get(API + "frameworks/jp-ai-guidelines").json().path("requirements");
    assertThat(count(jp, "principle")).isEqualTo(10);
    JsonNode eu = admin().get(API + "frameworks/eu-ai-act").json().path("requirements");
    assertThat(count(eu, "practice")).isEqualTo(8);
    assertThat(count(eu, "area")).isEqualTo(8);
    for (JsonNode r : eu) {
      if (r.path("kind").asString().equals("obligation")) {
        assertThat(r.path("attributes").path("applies_from").asString())
            .as(r.path("id").asString())
            .matches("\\d{4}-\\d{2}-\\d{2}");
      }
    }
    assertThat(admin().get(API + "frameworks").json().size()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void crosswalksWorkInBothDirections() {
    JsonNode a32 = admin().get(API + "frameworks/iso42001/requirements/A.3.2").json();
    assertThat(a32.path("requirement").path("titleJa").asString()).isEqualTo("AIの役割と責任");
    assertThat(a32.path("mappings").toString())
        .contains("nist-ai-rmf:GOVERN 2.1", "jp-ai-guidelines:7-3");
    assertThat(a32.path("satisfied_via").toString()).contains("nist-ai-rmf:GOVERN 2.1");
    JsonNode govern =
        admin()
            .get(
                API
                    + "frameworks/nist-ai-rmf/requirements/"
                    + URLEncoder.encode("GOVERN 2.1", StandardCharsets.UTF_8).replace("+", "%20"))
            .json();
    assertThat(govern.path("satisfied_via").toString()).contains("iso42001:A.3.2");
    assertThat(admin().get(API + "crosswalks?from=jp-ai-guidelines&to=iso42001").json().size())
        .isGreaterThan(10);
    assertThat(admin().get(API + "frameworks/iso42001/requirements/A.99").status()).isEqualTo(404);
  }

  @Test
  void organisationsImportAndVersionTheirOwnFrameworks() {
    String key = "fisc-" + UUID.randomUUID().toString().substring(0, 6);
    String yaml =
        "key: "
            + key
            + "\nversion: '2025'\nname: {ja: 金融機関向け安全対策基準, en: FISC security guidelines}\n"
            + "nodes:\n  - id: G1\n    kind: section\n    title: {ja: 統制, en: Governance}\n"
            + "    children:\n      - id: G1.1\n        title: {ja: AI利用方針, en: AI use policy}\n";
    Response created = importAs("application/yaml", yaml, "");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().path("requirements").asInt()).isEqualTo(2);
    assertThat(importAs("application/yaml", yaml, "").status())
        .as("same version twice")
        .isEqualTo(400);
    String csv =
        "id,parent,kind,title_ja,title_en\nG1,,section,統制,Governance\nG1.1,G1,,AI利用方針,AI use policy\nG1.2,G1,,モデル管理,Model management\n";
    Response v2 =
        importAs("text/csv", csv, "?key=" + key + "&version=2026&name_ja=FISC&name_en=FISC");
    assertThat(v2.status()).as(v2.body()).isEqualTo(201);
    assertThat(admin().get(API + "frameworks/" + key).json().path("requirements").size())
        .isEqualTo(3);
    assertThat(
            admin()
                .get(API + "frameworks/" + key + "?version=2025")
                .json()
                .path("requirements")
                .size())
        .as("the old version stays readable")
        .isEqualTo(2);

    Response badCsv =
        importAs(
            "text/csv",
            "id,parent,title_ja,title_en,colour\nX1,,a,b,red\n",
            "?key=" + key + "&version=3&name_ja=a&name_en=b");
    assertThat(badCsv.status()).isEqualTo(400);
    assertThat(badCsv.json().path("errors").toString()).contains("colour", "\"line\":1");
    Response badRows =
        importAs(
            "text/csv",
            "id,parent,title_ja,title_en\nX1,,a,b\nX1,,c,d\nX2,NOPE,e,f\nX3,,,g\n",
            "?key=" + key + "&version=4&name_ja=a&name_en=b");
    assertThat(badRows.status()).isEqualTo(400);
    assertThat(badRows.json().path("errors").toString())
        .contains("\"line\":3", "appears twice", "\"line\":4", "NOPE", "\"line\":5", "title_ja");
    Response badJson = importAs("application/json", "{\n \"key\": \"x\",\n \"version\": \n}", "");
    assertThat(badJson.status()).isEqualTo(400);
    assertThat(badJson.json().path("errors").get(0).path("line").asInt()).isGreaterThan(1);
    Response shipped =
        importAs("application/yaml", yaml.replace(key, "iso42001").replace("'2025'", "'2099'"), "");
    assertThat(shipped.status()).isEqualTo(400);
    assertThat(admin().get(API + "frameworks/" + key + "?version=4").status())
        .as("nothing written")
        .isEqualTo(404);

    Response mappings =
        admin()
            .post(
                API + "crosswalks/import",
                "{\"mappings\":[{\"from\":\""
                    + key
                    + ":G1.1\",\"to\":\"iso42001:A.2.2\",\"type\":\"equal\"}]}");
    assertThat(mappings.status()).as(mappings.body()).isEqualTo(200);
    assertThat(
            admin()
                .get(API + "frameworks/iso42001/requirements/A.2.2")
                .json()
                .path("satisfied_via")
                .toString())
        .contains(key + ":G1.1");
    Response badMappings =
        admin()
            .post(
                API + "crosswalks/import",
                "{\"mappings\":[{\"from\":\""
                    + key
                    + ":G9\",\"to\":\"iso42001:A.2.2\",\"type\":\"similar\"}]}");
    assertThat(badMappings.status()).isEqualTo(400);
    assertThat(badMappings.json().path("errors").toString()).contains("G9", "similar");
  }
}

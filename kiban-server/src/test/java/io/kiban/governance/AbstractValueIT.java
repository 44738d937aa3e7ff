package io.kiban.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.support.RawHttp;
import io.kiban.support.RawHttp.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** KPIs, costs and benefits, ROI and the value-against-risk portfolio through Kiban's API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractValueIT {

  static final String API = "/api/kiban/v1/";

  @LocalServerPort int port;

  RawHttp admin() {
    return new RawHttp(port);
  }

  String useCase() {
    String key = "UC-V" + UUID.randomUUID().toString().substring(0, 5);
    assertThat(
            admin()
                .post(
                    API + "use-cases",
                    "{\"key\":\""
                        + key
                        + "\",\"name_ja\":\"需要予測\",\"name_en\":\"Demand forecast\","
                        + "\"lifecycle_stage\":\"production\",\"ai_type\":\"predictive_ml\","
                        + "\"sourcing\":\"in_house\",\"decision_autonomy\":\"human_decides\","
                        + "\"storage_location\":\"on_premises\",\"processing_location\":\"on_premises\"}")
                .status())
        .isEqualTo(201);
    return key;
  }

  @Test
  void kpisMeasureProgressAndRoiFollowsCostsAndBenefits() {
    String key = useCase();
    Response kpi =
        admin()
            .post(
                API + "use-cases/" + key + "/kpis",
                "{\"name\":\"Forecast error (MAPE)\",\"unit\":\"%\",\"direction\":\"lower_better\","
                    + "\"baseline\":20,\"target\":10}");
    assertThat(kpi.status()).as(kpi.body()).isEqualTo(201);
    long kpiId = kpi.json().path("kpiId").asLong();
    admin()
        .post(
            API + "use-cases/" + key + "/kpis/" + kpiId + "/measurements",
            "{\"measured_on\":\"2026-09-30\",\"value\":17}");
    JsonNode measured =
        admin()
            .post(
                API + "use-cases/" + key + "/kpis/" + kpiId + "/measurements",
                "{\"measured_on\":\"2026-10-31\",\"value\":15}")
            .json();
    assertThat(measured.path("latest").asDouble()).isEqualTo(15.0);
    assertThat(measured.path("progress").asDouble()).isEqualTo(0.5);

    String[][] entries = {
      {"2026-Q2", "cost_development", "3000000"},
      {"2026-Q3", "cost_run", "500000"},
      {"2026-Q3", "cost_licence", "500000"},
      {"2026-Q3", "benefit", "2000000"},
      {"2026-Q4", "benefit", "4000000"},
    };
    for (String[] e : entries) {
      Response r =
          admin()
              .post(
                  API + "use-cases/" + key + "/value-entries",
                  "{\"period\":\""
                      + e[0]
                      + "\",\"kind\":\""
                      + e[1]
                      + "\",\"amount\":"
                      + e[2]
                      + "}");
      assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
    JsonNode summary = admin().get(API + "use-cases/" + key + "/value").json();
    assertThat(summary.path("currency").asString()).isEqualTo("JPY");
    assertThat(summary.path("total").path("costs").decimalValue()).isEqualByComparingTo("4000000");
    assertThat(summary.path("total").path("benefits").decimalValue())
        .isEqualByComparingTo("6000000");
    assertThat(summary.path("total").path("roi").decimalValue()).isEqualByComparingTo("0.5");
    assertThat(summary.path("periods").get(1).path("roi").decimalValue()).isEqualByComparingTo("1");
    JsonNode q4Roi = summary.path("periods").get(2).path("roi");
    assertThat(q4Roi.isNull() || q4Roi.isMissingNode()).as("no ROI without costs in Q4").isTrue();

    String[][] bad = {
      {
        "kpis",
        "{\"name\":\"x\",\"direction\":\"lower_better\",\"baseline\":10,\"target\":20}",
        "below"
      },
      {
        "kpis", "{\"name\":\"Forecast error (MAPE)\",\"baseline\":1,\"target\":2}", "already exists"
      },
      {"kpis/" + kpiId + "/measurements", "{\"measured_on\":\"Oct\",\"value\":1}", "measured_on"},
      {"value-entries", "{\"period\":\"2026-13\",\"kind\":\"benefit\",\"amount\":1}", "period"},
      {"value-entries", "{\"period\":\"2026\",\"kind\":\"gift\",\"amount\":1}", "kind"},
      {"value-entries", "{\"period\":\"2026\",\"kind\":\"benefit\",\"amount\":-5}", "amount"},
      {
        "value-entries",
        "{\"period\":\"2026\",\"kind\":\"benefit\",\"amount\":5,\"currency\":\"USD\"}",
        "one currency"
      },
    };
    for (String[] b : bad) {
      Response r = admin().post(API + "use-cases/" + key + "/" + b[0], b[1]);
      assertThat(r.status()).as(b[2] + " " + r.body()).isEqualTo(400);
      assertThat(r.json().path("detail").asString()).as(b[2]).contains(b[2]);
    }
  }

  @Test
  void portfolioSetsValueAgainstTheHighestOpenResidualRisk() {
    String key = useCase();
    admin()
        .post(
            API + "use-cases/" + key + "/value-entries",
            "{\"period\":\"2026\",\"kind\":\"cost_run\",\"amount\":1000}");
    admin()
        .post(
            API + "use-cases/" + key + "/value-entries",
            "{\"period\":\"2026\",\"kind\":\"benefit\",\"amount\":3000}");
    admin()
        .post(
            API + "risks",
            "{\"use_case\":\""
                + key
                + "\",\"title\":\"Stock-outs\",\"principle\":\"safety\","
                + "\"characteristic\":\"valid_reliable\",\"lifecycle_phase\":\"operation\","
                + "\"likelihood\":4,\"impact\":4,\"treatment\":\"change_likelihood\","
                + "\"residual_likelihood\":3,\"residual_impact\":4}");
    JsonNode item = null;
    for (JsonNode n : admin().get(API + "portfolio").json()) {
      if (n.path("useCase").asString().equals(key)) {
        item = n;
      }
    }
    assertThat(item).isNotNull();
    assertThat(item.path("roi").decimalValue()).isEqualByComparingTo("2");
    assertThat(item.path("highestResidualLevel").asString()).isEqualTo("high");
    assertThat(item.path("openRisks").asInt()).isEqualTo(1);
  }
}

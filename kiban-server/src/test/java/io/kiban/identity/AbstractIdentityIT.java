package io.kiban.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiban.support.Browserless;
import io.kiban.support.RawHttp;
import io.kiban.support.RawHttp.Response;
import io.kiban.support.TestAuth;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Accounts, sign-in, tokens and workspace isolation on a running server, through the MLflow API
 * (official Java client and raw calls), Kiban's API and the UI. Runs once per database.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "kiban.security.sign-in-per-minute=1000")
abstract class AbstractIdentityIT {

  static final String API = "/api/2.0/mlflow/";
  static final String PASSWORD = "Correct-Horse-Battery-9";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  RawHttp admin() {
    return new RawHttp(port);
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  String workspace(String prefix) {
    String name = unique(prefix);
    Response r =
        admin()
            .post(
                "/api/kiban/v1/workspaces",
                "{\"name\":\"" + name + "\",\"display_name\":\"Team " + name + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return name;
  }

  String user(String prefix, String role, String workspace) {
    String name = unique(prefix);
    Response r =
        admin()
            .post(
                "/api/kiban/v1/users",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    if (role != null) {
      Response g =
          admin()
              .post(
                  "/api/kiban/v1/users/" + name + "/grants",
                  "{\"role\":\"" + role + "\",\"workspace\":\"" + workspace + "\"}");
      assertThat(g.status()).as(g.body()).isEqualTo(201);
    }
    return name;
  }

  String tokenOf(String username) {
    Response r =
        RawHttp.withPassword(port, username, PASSWORD)
            .post("/api/kiban/v1/me/tokens", "{\"name\":\"test\",\"expires_in_days\":7}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("token").asString();
  }

  long auditCount(String action, String entityId) {
    return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = ? AND entity_id = ?")
        .params(action, entityId)
        .query(Long.class)
        .single();
  }

  @Test
  void unauthenticatedRequestsAreRefusedEverywhereButHealthAndSignIn() {
    RawHttp anonymous = RawHttp.anonymous(port);
    assertThat(anonymous.get("/health").status()).isEqualTo(200);
    assertThat(anonymous.get("/signin").status()).isEqualTo(200);
    for (String path :
        List.of(
            API + "experiments/search",
            "/ajax-api/2.0/mlflow/experiments/get?experiment_id=0",
            "/api/2.0/mlflow-artifacts/artifacts/0/x.txt",
            "/api/2.0/mlflow/registered-models/search")) {
      Response r = anonymous.get(path);
      assertThat(r.status()).as(path).isEqualTo(401);
      assertThat(r.errorCode()).as(path).isEqualTo("UNAUTHENTICATED");
    }
    Response kiban = anonymous.get("/api/kiban/v1/me");
    assertThat(kiban.status()).isEqualTo(401);
    assertThat(kiban.contentType()).startsWith("application/problem+json");
    Response write = anonymous.post(API + "experiments/create", "{\"name\":\"sneaky\"}");
    assertThat(write.status()).isEqualTo(401);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM experiment WHERE name = 'sneaky'")
                .query(Long.class)
                .single())
        .isZero();
    Browserless browser = new Browserless(port);
    HttpResponse<String> page = browser.get("/experiments");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/signin");
    for (String bad :
        List.of("Bearer kbn_not-a-real-token", "Bearer ", "Basic !!!", "Negotiate abc")) {
      Response r = new RawHttp(port, bad).get(API + "experiments/search");
      assertThat(r.status()).as(bad).isEqualTo(401);
      assertThat(r.errorCode()).as(bad).isEqualTo("UNAUTHENTICATED");
    }
    assertThat(
            RawHttp.withPassword(port, "admin", "wrong-password")
                .get(API + "experiments/search")
                .status())
        .isEqualTo(401);
  }

  @Test
  void formSignInNeedsCsrfAndGivesAnHttpOnlySameSiteSession() {
    String alice = user("alice", "data_scientist", "default");
    Browserless browser = new Browserless(port);
    HttpResponse<String> noToken =
        browser.postForm("/signin", Map.of("username", alice, "password", PASSWORD), null);
    assertThat(noToken.statusCode()).isEqualTo(302);
    assertThat(noToken.headers().firstValue("Location").orElseThrow()).contains("/signin?error");
    assertThat(browser.get("/experiments").statusCode()).isEqualTo(302);

    assertThat(browser.signIn(alice, "not-her-password")).contains("/signin?error=bad");
    assertThat(browser.signIn(alice, PASSWORD)).doesNotContain("signin");
    HttpResponse<String> list = browser.get("/experiments");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains(alice);
    String setCookie =
        browser.get("/signin").headers().allValues("Set-Cookie").stream().findFirst().orElse("");
    HttpCookie session =
        browser.cookies().stream()
            .filter(c -> c.getName().equals("KIBAN_SESSION"))
            .findFirst()
            .orElseThrow();
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(setCookie).doesNotContain("KIBAN_SESSION=;");

    String name = unique("csrf-exp");
    HttpResponse<String> forged = browser.postForm("/experiments", Map.of("name", name), null);
    assertThat(forged.statusCode()).isEqualTo(302);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM experiment WHERE name = ?")
                .param(name)
                .query(Long.class)
                .single())
        .as("a form post without CSRF token changes nothing")
        .isZero();
    browser.postForm("/experiments", Map.of("name", name), "/experiments");
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM experiment WHERE name = ?")
                .param(name)
                .query(Long.class)
                .single())
        .isEqualTo(1);

    HttpResponse<String> out = browser.postForm("/signout", Map.of(), "/experiments");
    assertThat(out.headers().firstValue("Location").orElseThrow()).contains("/signin?signedOut");
    assertThat(browser.get("/experiments").statusCode()).isEqualTo(302);
  }

  @Test
  void repeatedFailuresLockTheAccountUntilAnAdministratorUnlocksIt() {
    String bob = user("bob", "viewer", "default");
    Browserless browser = new Browserless(port);
    for (int i = 0; i < 5; i++) {
      browser.signIn(bob, "wrong-" + i);
    }
    assertThat(browser.signIn(bob, PASSWORD)).contains("error=locked");
    Response basic = RawHttp.withPassword(port, bob, PASSWORD).get(API + "experiments/search");
    assertThat(basic.status()).isEqualTo(401);
    assertThat(basic.message()).contains("locked");
    assertThat(admin().get("/api/kiban/v1/users/" + bob).json().path("locked").asBoolean())
        .isTrue();
    assertThat(auditCount("user.locked", bob)).isPositive();
    assertThat(admin().post("/api/kiban/v1/users/" + bob + "/unlock", "").status()).isEqualTo(200);
    assertThat(browser.signIn(bob, PASSWORD)).doesNotContain("signin");
  }

  @Test
  void tokensWorkForMlflowClientsAndRevocationIsImmediate() {
    String alice = user("carol", "data_scientist", "default");
    String token = tokenOf(alice);
    assertThat(token).startsWith("kbn_").hasSizeGreaterThan(40);
    MlflowClient client = TestAuth.tokenClient(port, token);
    String experiment = client.createExperiment(unique("token-exp"));
    assertThat(client.getExperiment(experiment).getExperimentId()).isEqualTo(experiment);
    client.close();
    Response viaBasic =
        RawHttp.withPassword(port, alice, token)
            .get(API + "experiments/get?experiment_id=" + experiment);
    assertThat(viaBasic.status()).isEqualTo(200);
    Response wrongUser =
        RawHttp.withPassword(port, "admin", token).get(API + "experiments/get?experiment_id=0");
    assertThat(wrongUser.status()).as("a token only works with its owner's name").isEqualTo(401);

    Response listed = RawHttp.withToken(port, token).get("/api/kiban/v1/me/tokens");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body()).doesNotContain(token).doesNotContain("hash");
    long id = listed.json().get(0).path("id").asLong();
    String hash =
        jdbc.sql("SELECT token_hash FROM api_token WHERE token_id = ?")
            .param(id)
            .query(String.class)
            .single();
    assertThat(hash).hasSize(64).isNotEqualTo(token);

    Response revoked =
        RawHttp.withToken(port, token).method("DELETE", "/api/kiban/v1/tokens/" + id, "");
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().path("state").asString()).isEqualTo("revoked");
    Response after = RawHttp.withToken(port, token).get(API + "experiments/get?experiment_id=0");
    assertThat(after.status()).isEqualTo(401);
    assertThat(auditCount("token.revoked", String.valueOf(id))).isEqualTo(1);

    Response tooLong =
        RawHttp.withPassword(port, alice, PASSWORD)
            .post("/api/kiban/v1/me/tokens", "{\"name\":\"x\",\"expires_in_days\":100000}");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().path("detail").asString()).contains("expires_in_days");
    Response noName =
        RawHttp.withPassword(port, alice, PASSWORD).post("/api/kiban/v1/me/tokens", "{}");
    assertThat(noName.status()).isEqualTo(400);
  }

  @Test
  void workspacesIsolateThroughTheMlflowApiKibanApiAndUi() {
    String teamA = workspace("team-a");
    String teamB = workspace("team-b");
    String alice = user("alice", "data_scientist", teamA);
    String bob = user("bob", "data_scientist", teamB);
    MlflowClient aliceClient = TestAuth.tokenClient(port, tokenOf(alice));
    String experiment = aliceClient.createExperiment(unique("secret-exp"));
    assertThat(
            jdbc.sql("SELECT workspace FROM experiment WHERE experiment_id = ?")
                .param(Long.parseLong(experiment))
                .query(String.class)
                .single())
        .as("created in the creator's workspace")
        .isEqualTo(teamA);
    String run = aliceClient.createRun(experiment).getRunId();
    aliceClient.logMetric(run, "loss", 0.5);
    RawHttp aliceHttp = RawHttp.withPassword(port, alice, PASSWORD);
    String model = unique("secret-model");
    assertThat(
            aliceHttp
                .post(API + "registered-models/create", "{\"name\":\"" + model + "\"}")
                .status())
        .isEqualTo(200);
    aliceClient.close();

    MlflowClient bobClient = TestAuth.tokenClient(port, tokenOf(bob));
    assertThatThrownBy(() -> bobClient.getExperiment(experiment))
        .isInstanceOf(MlflowHttpException.class)
        .satisfies(e -> assertThat(((MlflowHttpException) e).getStatusCode()).isEqualTo(403));
    assertThatThrownBy(() -> bobClient.getRun(run))
        .isInstanceOf(MlflowHttpException.class)
        .satisfies(e -> assertThat(((MlflowHttpException) e).getStatusCode()).isEqualTo(403));
    assertThat(
            bobClient
                .searchExperiments("", org.mlflow.api.proto.Service.ViewType.ALL, 1000, List.of())
                .getItems())
        .noneMatch(e -> e.getExperimentId().equals(experiment));
    bobClient.close();

    RawHttp bobHttp = RawHttp.withPassword(port, bob, PASSWORD);
    Response log =
        bobHttp.post(
            API + "runs/log-metric",
            "{\"run_id\":\"" + run + "\",\"key\":\"loss\",\"value\":9,\"timestamp\":1,\"step\":1}");
    assertThat(log.status()).isEqualTo(403);
    assertThat(log.errorCode()).isEqualTo("PERMISSION_DENIED");
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM metric_series WHERE run_uuid = ? AND metric_key = 'loss'"
                        + " AND last_value = 9")
                .param(run)
                .query(Long.class)
                .single())
        .isZero();
    Response search =
        bobHttp.post(API + "runs/search", "{\"experiment_ids\":[\"" + experiment + "\"]}");
    assertThat(search.status()).isEqualTo(200);
    assertThat(search.body()).doesNotContain(run);
    assertThat(bobHttp.get(API + "registered-models/get?name=" + model).status()).isEqualTo(403);
    assertThat(bobHttp.get(API + "registered-models/search").body()).doesNotContain(model);
    assertThat(
            bobHttp
                .method("DELETE", API + "registered-models/delete", "{\"name\":\"" + model + "\"}")
                .status())
        .isEqualTo(403);
    assertThat(
            bobHttp
                .get(
                    "/api/2.0/mlflow-artifacts/artifacts/"
                        + experiment
                        + "/"
                        + run
                        + "/artifacts/x.txt")
                .status())
        .isEqualTo(403);
    assertThat(bobHttp.get("/api/kiban/v1/registered-models/" + model + "/history").status())
        .isEqualTo(403);
    assertThat(bobHttp.get("/api/kiban/v1/lineage?node=run:" + run).status()).isIn(403, 404);
    Response tag =
        bobHttp.post(
            API + "experiments/create",
            "{\"name\":\""
                + unique("x")
                + "\",\"tags\":[{\"key\":\"kiban.workspace\",\"value\":\""
                + teamA
                + "\"}]}");
    assertThat(tag.status()).as("cannot create in a workspace without a role there").isEqualTo(403);

    Browserless bobBrowser = new Browserless(port);
    bobBrowser.signIn(bob, PASSWORD);
    assertThat(bobBrowser.get("/experiments").body()).doesNotContain("secret-exp");
    assertThat(bobBrowser.get("/runs/" + run).statusCode()).isEqualTo(403);
    assertThat(bobBrowser.get("/models/" + model).statusCode()).isEqualTo(403);

    Browserless aliceBrowser = new Browserless(port);
    aliceBrowser.signIn(alice, PASSWORD);
    assertThat(aliceBrowser.get("/runs/" + run).statusCode()).isEqualTo(200);
  }

  @Test
  void readOnlyRolesReadButNeverChange() {
    String team = workspace("team-r");
    String owner = user("owner", "data_scientist", team);
    String viewer = user("viewer", "viewer", team);
    String auditor = user("auditor", "auditor", "*");
    RawHttp ownerHttp = RawHttp.withPassword(port, owner, PASSWORD);
    String experiment =
        ownerHttp
            .post(API + "experiments/create", "{\"name\":\"" + unique("ro") + "\"}")
            .json()
            .path("experiment_id")
            .asString();
    for (String reader : List.of(viewer, auditor)) {
      RawHttp http = RawHttp.withPassword(port, reader, PASSWORD);
      assertThat(http.get(API + "experiments/get?experiment_id=" + experiment).status())
          .as(reader)
          .isEqualTo(200);
      Response write =
          http.post(
              API + "experiments/set-experiment-tag",
              "{\"experiment_id\":\"" + experiment + "\",\"key\":\"k\",\"value\":\"v\"}");
      assertThat(write.status()).as(reader).isEqualTo(403);
      assertThat(http.get("/api/kiban/v1/users").status()).as(reader).isEqualTo(403);
    }
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM experiment_tag WHERE experiment_id = ? AND tag_key = 'k'")
                .param(Long.parseLong(experiment))
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void administrationIsAuditedGuardedAndNeverReturnsSecrets() {
    String dave = user("dave", null, null);
    assertThat(auditCount("user.created", dave)).isEqualTo(1);
    Response users = admin().get("/api/kiban/v1/users");
    assertThat(users.status()).isEqualTo(200);
    assertThat(users.body()).contains(dave).doesNotContain("argon2").doesNotContain(PASSWORD);
    assertThat(
            jdbc.sql("SELECT password_hash FROM kiban_user WHERE username = ?")
                .param(dave)
                .query(String.class)
                .single())
        .startsWith("$argon2id$");

    Response grant =
        admin()
            .post(
                "/api/kiban/v1/users/" + dave + "/grants",
                "{\"role\":\"caio\",\"workspace\":\"*\"}");
    assertThat(grant.status()).isEqualTo(201);
    assertThat(auditCount("grant.created", dave)).isEqualTo(1);
    assertThat(
            admin().post("/api/kiban/v1/users/" + dave + "/grants", "{\"role\":\"caio\"}").status())
        .as("duplicate grant")
        .isEqualTo(400);
    assertThat(
            admin()
                .post("/api/kiban/v1/users/" + dave + "/grants", "{\"role\":\"pope\"}")
                .json()
                .path("detail")
                .asString())
        .contains("Unknown role", "data_scientist");
    assertThat(
            admin()
                .post(
                    "/api/kiban/v1/users/" + dave + "/grants",
                    "{\"role\":\"viewer\",\"workspace\":\"nowhere\"}")
                .status())
        .isEqualTo(400);
    Response revoke =
        admin().method("DELETE", "/api/kiban/v1/users/" + dave + "/grants/caio/*", "");
    assertThat(revoke.status()).as(revoke.body()).isEqualTo(200);
    assertThat(auditCount("grant.revoked", dave)).isEqualTo(1);

    Response lastAdmin = admin().method("DELETE", "/api/kiban/v1/users/admin/grants/admin/*", "");
    assertThat(lastAdmin.status()).isEqualTo(400);
    assertThat(lastAdmin.json().path("detail").asString()).contains("last administrator");

    for (String[] bad :
        new String[][] {
          {"short", "Short-1"},
          {"contains", "xx-" + dave + "-long-enough"},
          {"common", "Password123456"},
        }) {
      Response r =
          admin()
              .method(
                  "PUT",
                  "/api/kiban/v1/users/" + dave + "/password",
                  "{\"password\":\"" + bad[1] + "\"}");
      assertThat(r.status()).as(bad[0]).isEqualTo(400);
    }
    Response badName =
        admin()
            .post(
                "/api/kiban/v1/users",
                "{\"username\":\"Bad Name!\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(badName.status()).isEqualTo(400);
    assertThat(badName.json().path("detail").asString()).contains("username");
    assertThat(
            admin()
                .post(
                    "/api/kiban/v1/users",
                    "{\"username\":\"" + dave + "\",\"password\":\"" + PASSWORD + "\"}")
                .status())
        .isEqualTo(400);

    Response deactivate =
        admin().method("PATCH", "/api/kiban/v1/users/" + dave, "{\"active\":false}");
    assertThat(deactivate.status()).isEqualTo(200);
    assertThat(RawHttp.withPassword(port, dave, PASSWORD).get("/api/kiban/v1/me").status())
        .isEqualTo(401);
    Response self = admin().method("PATCH", "/api/kiban/v1/users/admin", "{\"active\":false}");
    assertThat(self.status()).isEqualTo(400);
  }

  @Test
  void usersChangeTheirOwnPasswordProvingTheOldOne() {
    String erin = user("erin", "viewer", "default");
    RawHttp http = RawHttp.withPassword(port, erin, PASSWORD);
    Response wrong =
        http.post(
            "/api/kiban/v1/me/password",
            "{\"current_password\":\"nope\",\"new_password\":\"Another-Good-Passw0rd\"}");
    assertThat(wrong.status()).isEqualTo(400);
    Response ok =
        http.post(
            "/api/kiban/v1/me/password",
            "{\"current_password\":\""
                + PASSWORD
                + "\",\"new_password\":\"Another-Good-Passw0rd\"}");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(RawHttp.withPassword(port, erin, PASSWORD).get("/api/kiban/v1/me").status())
        .as("the old password stops working at once, cache included")
        .isEqualTo(401);
    assertThat(
            RawHttp.withPassword(port, erin, "Another-Good-Passw0rd")
                .get("/api/kiban/v1/me")
                .status())
        .isEqualTo(200);
  }

  @Test
  void oversizedAndMalformedBodiesAreRefusedWithoutServerErrors() {
    String big = "{\"name\":\"" + "x".repeat(33 * 1024 * 1024) + "\"}";
    Response tooBig = admin().post("/api/kiban/v1/workspaces", big);
    assertThat(tooBig.status()).isEqualTo(413);
    Response mlflowTooBig = admin().post(API + "experiments/create", big);
    assertThat(mlflowTooBig.status()).isEqualTo(413);
    Response chunked =
        admin()
            .send(
                HttpRequest.newBuilder(URI.create(admin().base() + "/api/kiban/v1/workspaces"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(big.getBytes()))));
    assertThat(chunked.status()).isEqualTo(413);
    Response malformed = admin().post("/api/kiban/v1/users", "{not json");
    assertThat(malformed.status()).isEqualTo(400);
    Response traversal = admin().get("/api/2.0/mlflow-artifacts/artifacts/0/../../../etc/passwd");
    assertThat(traversal.status()).isEqualTo(400);
  }

  @Test
  void meDescribesTheCallerAndTheirGrants() {
    String frank = user("frank", "model_owner", "default");
    JsonNode me = RawHttp.withPassword(port, frank, PASSWORD).get("/api/kiban/v1/me").json();
    assertThat(me.path("username").asString()).isEqualTo(frank);
    assertThat(me.path("grants").get(0).path("role").asString()).isEqualTo("model_owner");
    assertThat(me.path("grants").get(0).path("workspace").asString()).isEqualTo("default");
    assertThat(me.toString()).doesNotContain("password_hash");
  }
}

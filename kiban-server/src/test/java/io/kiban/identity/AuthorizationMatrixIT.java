package io.kiban.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.support.RawHttp;
import io.kiban.support.TestDatabases;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every role against every endpoint family, from one table. Each endpoint of the application must
 * belong to a family of the table, so an endpoint added without an access rule fails the build;
 * each family names the permission it needs and a probe request, which every role sends: roles with
 * the permission get through, the others get 403.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }

  /** An endpoint family: the permission it needs (null: any signed-in user; PUBLIC: anyone). */
  enum Family {
    PUBLIC(null),
    SELF(null),
    TRACKING_READ(Permission.READ),
    TRACKING_WRITE(Permission.TRACK),
    ARTIFACT_READ(Permission.READ),
    ARTIFACT_WRITE(Permission.TRACK),
    REGISTRY_READ(Permission.READ),
    REGISTRY_WRITE(Permission.REGISTER),
    PROMOTE(Permission.PROMOTE),
    AUDIT(Permission.AUDIT),
    SUSPEND(Permission.SUSPEND),
    PARTICIPANT(null),
    REPORT(Permission.REPORT),
    GOVERNANCE_READ(Permission.READ),
    GOVERNANCE_WRITE(Permission.GOVERN),
    ADMIN(Permission.ADMIN);

    final Permission permission;

    Family(Permission permission) {
      this.permission = permission;
    }
  }

  record Rule(Pattern endpoint, Family family) {}

  static Rule rule(String regex, Family family) {
    return new Rule(Pattern.compile(regex), family);
  }

  static final String ML = "(/api|/ajax-api)/2\\.0/mlflow/";

  /** THE TABLE: "METHOD /pattern" of every endpoint, first matching rule wins. */
  static final List<Rule> RULES =
      List.of(
          rule("GET /health|GET /signin|.* /error", Family.PUBLIC),
          rule("(GET|POST) /api/kiban/v1/me.*|DELETE /api/kiban/v1/tokens/\\{id\\}", Family.SELF),
          rule("GET /account|POST /account/.*|GET /|GET /areas/\\{area\\}", Family.SELF),
          rule("GET /api/kiban/v1/openapi.*", Family.SELF),
          rule("GET /api/kiban/v1/audit/.*|GET /audit", Family.AUDIT),
          rule("POST /api/kiban/v1/suspensions|POST /suspensions", Family.SUSPEND),
          rule(
              "GET /api/kiban/v1/approvals/inbox|POST /api/kiban/v1/approvals/\\{id\\}/(decisions|resubmit|withdraw)|PATCH /api/kiban/v1/tasks/\\{id\\}|GET /(approvals|tasks)(/.*)?|POST /(approvals|tasks)/\\{id\\}/.*",
              Family.PARTICIPANT),
          rule(
              "POST /api/kiban/v1/(approvals|incidents)|POST /(incidents|approvals)",
              Family.REPORT),
          rule(".* /admin.*|.* /api/kiban/v1/(users|workspaces|webhooks).*", Family.ADMIN),
          rule(
              "GET /api/kiban/v1/(use-cases|vendors|residency-findings|risks|portfolio|classification|tier-criteria|frameworks|crosswalks|soa|assessment-templates|assessments|policy|gate-evaluations|suspensions|approvals|incidents|tasks).*|GET /(inventory|vendors|risks|portfolio|frameworks|soa|incidents|suspensions|gates).*",
              Family.GOVERNANCE_READ),
          rule(
              "POST /(inventory|vendors|risks|soa|incidents|tasks|suspensions)(/.*)?",
              Family.GOVERNANCE_WRITE),
          rule(
              "(POST|PUT|PATCH|DELETE) /api/kiban/v1/(use-cases|vendors|risks|tier-criteria|frameworks|crosswalks|soa|assessment-templates|assessments|policy|suspensions|incidents|tasks).*",
              Family.GOVERNANCE_WRITE),
          rule(
              "GET /(experiments|runs|compare|ui/series).*|GET /experiments/\\{id\\}",
              Family.TRACKING_READ),
          rule("POST /(experiments|runs).*", Family.TRACKING_WRITE),
          rule("GET /models.*", Family.REGISTRY_READ),
          rule(
              "POST /models/\\{name\\}/(versions/\\{version\\}/(alias|stage)|aliases/delete)",
              Family.PROMOTE),
          rule("POST /models/.*", Family.REGISTRY_WRITE),
          rule("GET /api/kiban/v1/(lineage|registered-models/.*)", Family.REGISTRY_READ),
          rule("PUT /api/kiban/v1/registered-models/.*/card/.*", Family.REGISTRY_WRITE),
          rule("GET (/api|/ajax-api)/2\\.0/mlflow-artifacts/artifacts.*", Family.ARTIFACT_READ),
          rule(
              "(PUT|DELETE) (/api|/ajax-api)/2\\.0/mlflow-artifacts/artifacts.*",
              Family.ARTIFACT_WRITE),
          rule(
              "(POST|DELETE) " + ML + "(registered-models/alias|model-versions/transition-stage)",
              Family.PROMOTE),
          rule(
              "GET "
                  + ML
                  + "(registered-models|model-versions)/.*|POST "
                  + ML
                  + "registered-models/get-latest-versions",
              Family.REGISTRY_READ),
          rule(
              "(POST|PATCH|DELETE) " + ML + "(registered-models|model-versions)/.*",
              Family.REGISTRY_WRITE),
          rule(
              "GET "
                  + ML
                  + "(experiments|runs|metrics|artifacts|logged-models)/.*|POST "
                  + ML
                  + "(experiments/search|runs/search|logged-models/search)",
              Family.TRACKING_READ),
          rule(
              "(POST|PATCH|DELETE) " + ML + "(experiments|runs|logged-models)(/.*)?",
              Family.TRACKING_WRITE));

  static Family familyOf(String endpoint) {
    for (Rule r : RULES) {
      if (r.endpoint().matcher(endpoint).matches()) {
        return r.family();
      }
    }
    return null;
  }

  @LocalServerPort int port;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  String experiment;
  String run;
  String model;
  String suspendable;
  String useCase;

  String useCaseJson() {
    return "{\"name_ja\":\"与信\",\"name_en\":\"Credit\",\"lifecycle_stage\":\"development\","
        + "\"ai_type\":\"predictive_ml\",\"sourcing\":\"in_house\","
        + "\"decision_autonomy\":\"human_in_the_loop\",\"storage_location\":\"on_premises\","
        + "\"processing_location\":\"on_premises\",\"workspace\":\"default\"}";
  }

  final Map<Role, RawHttp> clients = new EnumMap<>(Role.class);
  RawHttp noRole;

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @BeforeAll
  void fixtures() {
    RawHttp admin = new RawHttp(port);
    experiment =
        admin
            .post("/api/2.0/mlflow/experiments/create", "{\"name\":\"" + unique("matrix") + "\"}")
            .json()
            .path("experiment_id")
            .asString();
    run =
        admin
            .post("/api/2.0/mlflow/runs/create", "{\"experiment_id\":\"" + experiment + "\"}")
            .json()
            .path("run")
            .path("info")
            .path("run_id")
            .asString();
    admin.method(
        "PUT",
        "/api/2.0/mlflow-artifacts/artifacts/" + experiment + "/" + run + "/artifacts/f.txt",
        "hello");
    suspendable = unique("matrix-suspendable");
    admin.post("/api/2.0/mlflow/registered-models/create", "{\"name\":\"" + suspendable + "\"}");
    admin.post(
        "/api/2.0/mlflow/model-versions/create",
        "{\"name\":\"" + suspendable + "\",\"source\":\"s3://bucket/model\"}");
    model = unique("matrix-model");
    admin.post("/api/2.0/mlflow/registered-models/create", "{\"name\":\"" + model + "\"}");
    admin.post(
        "/api/2.0/mlflow/model-versions/create",
        "{\"name\":\""
            + model
            + "\",\"source\":\"runs:/"
            + run
            + "/model\",\"run_id\":\""
            + run
            + "\"}");
    useCase = "UC-M" + UUID.randomUUID().toString().substring(0, 4);
    assertThat(
            admin
                .post(
                    "/api/kiban/v1/use-cases",
                    useCaseJson().replace("{", "{\"key\":\"" + useCase + "\","))
                .status())
        .isEqualTo(201);
    for (Role role : Role.values()) {
      String name = unique(role.wireName().replace('_', '-'));
      createUser(admin, name);
      assertThat(
              admin
                  .post(
                      "/api/kiban/v1/users/" + name + "/grants",
                      "{\"role\":\"" + role.wireName() + "\",\"workspace\":\"*\"}")
                  .status())
          .isEqualTo(201);
      clients.put(role, RawHttp.withPassword(port, name, AbstractIdentityIT.PASSWORD));
    }
    String nobody = unique("nobody");
    createUser(admin, nobody);
    noRole = RawHttp.withPassword(port, nobody, AbstractIdentityIT.PASSWORD);
  }

  static void createUser(RawHttp admin, String name) {
    assertThat(
            admin
                .post(
                    "/api/kiban/v1/users",
                    "{\"username\":\""
                        + name
                        + "\",\"password\":\""
                        + AbstractIdentityIT.PASSWORD
                        + "\"}")
                .status())
        .isEqualTo(201);
  }

  @Test
  void everyEndpointBelongsToAFamilyOfTheTable() {
    TreeSet<String> endpoints = new TreeSet<>();
    mappings
        .getHandlerMethods()
        .forEach(
            (info, method) -> {
              var methods = info.getMethodsCondition().getMethods();
              for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                  endpoints.add("ANY " + pattern);
                }
                methods.forEach(m -> endpoints.add(m.name() + " " + pattern));
              }
            });
    assertThat(endpoints).hasSizeGreaterThan(80);
    assertThat(familyOf("GET /api/kiban/v1/something-new")).as("the check can fail").isNull();
    assertThat(familyOf("POST /api/2.0/mlflow/traces/start")).isNull();
    List<String> unruled = endpoints.stream().filter(e -> familyOf(e) == null).toList();
    assertThat(unruled)
        .as("endpoints without an access rule in AuthorizationMatrixIT.RULES")
        .isEmpty();
  }

  @Test
  void everyEndpointRefusesAnonymousCallersExceptThePublicOnes() {
    RawHttp anonymous = RawHttp.anonymous(port);
    List<String> leaks = new ArrayList<>();
    mappings
        .getHandlerMethods()
        .forEach(
            (info, method) -> {
              for (String pattern : info.getPatternValues()) {
                for (var m : info.getMethodsCondition().getMethods()) {
                  String endpoint = m.name() + " " + pattern;
                  if (familyOf(endpoint) == Family.PUBLIC) {
                    continue;
                  }
                  String path = pattern.replaceAll("\\{[^}]+}", "x").replace("/**", "/x/y");
                  int status =
                      anonymous
                          .send(
                              HttpRequest.newBuilder(URI.create(anonymous.base() + path))
                                  .header("Content-Type", "application/json")
                                  .method(m.name(), HttpRequest.BodyPublishers.ofString("{}")))
                          .status();
                  boolean refused = status == 401 || (status == 302 && !path.startsWith("/api"));
                  if (!refused) {
                    leaks.add(endpoint + " -> " + status);
                  }
                }
              }
            });
    assertThat(leaks).as("endpoints answering without credentials").isEmpty();
  }

  /** One request per family, sent by a role; returns the HTTP status. */
  int probe(Family family, RawHttp http) {
    String artifact =
        "/api/2.0/mlflow-artifacts/artifacts/" + experiment + "/" + run + "/artifacts/f.txt";
    return switch (family) {
      case PUBLIC -> http.get("/health").status();
      case SELF -> http.get("/api/kiban/v1/me").status();
      case TRACKING_READ -> http.get("/api/2.0/mlflow/runs/get?run_id=" + run).status();
      case TRACKING_WRITE ->
          http.post(
                  "/api/2.0/mlflow/runs/set-tag",
                  "{\"run_id\":\"" + run + "\",\"key\":\"k\",\"value\":\"v\"}")
              .status();
      case ARTIFACT_READ -> http.get(artifact).status();
      case ARTIFACT_WRITE -> http.method("PUT", artifact, "changed").status();
      case REGISTRY_READ ->
          http.get("/api/2.0/mlflow/registered-models/get?name=" + model).status();
      case REGISTRY_WRITE ->
          http.post(
                  "/api/2.0/mlflow/registered-models/set-tag",
                  "{\"name\":\"" + model + "\",\"key\":\"k\",\"value\":\"v\"}")
              .status();
      case PROMOTE ->
          http.post(
                  "/api/2.0/mlflow/registered-models/alias",
                  "{\"name\":\"" + model + "\",\"alias\":\"production\",\"version\":\"1\"}")
              .status();
      case GOVERNANCE_READ -> http.get("/api/kiban/v1/use-cases/" + useCase).status();
      case GOVERNANCE_WRITE ->
          http.method("PUT", "/api/kiban/v1/use-cases/" + useCase, useCaseJson()).status();
      case AUDIT -> http.get("/api/kiban/v1/audit/verify").status();
      case SUSPEND ->
          http.post(
                  "/api/kiban/v1/suspensions",
                  "{\"target_kind\":\"model_version\",\"target\":\""
                      + suspendable
                      + "/1\",\"reason\":\"probe\"}")
              .status();
      case ADMIN -> http.get("/api/kiban/v1/users").status();
      case PARTICIPANT -> http.get("/api/kiban/v1/approvals/inbox").status();
      case REPORT ->
          http.post(
                  "/api/kiban/v1/incidents",
                  "{\"use_case\":\""
                      + useCase
                      + "\",\"title\":\"Probe\",\"severity\":\"low\",\"description\":\"probe\"}")
              .status();
    };
  }

  @Test
  void everyRoleGetsExactlyWhatItsPermissionsAllow() {
    List<String> mismatches = new ArrayList<>();
    for (Role role : Role.values()) {
      for (Family family : Family.values()) {
        boolean allowed = family.permission == null || role.allows(family.permission);
        int status = probe(family, clients.get(role));
        boolean got = status != 401 && status != 403;
        if (got != allowed) {
          mismatches.add(role.wireName() + " × " + family + ": HTTP " + status);
        }
        if (allowed) {
          assertThat(status).as(role + " " + family).isLessThan(500);
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void anAccountWithoutRolesOnlyReachesItsOwnPage() {
    for (Family family : Family.values()) {
      int status = probe(family, noRole);
      if (family.permission == null) {
        assertThat(status).as(family.name()).isEqualTo(200);
      } else {
        assertThat(status).as(family.name()).isEqualTo(403);
      }
    }
  }

  @Test
  void uiPagesFollowTheSameRules() {
    RawHttp viewer = clients.get(Role.VIEWER);
    assertThat(page(viewer, "/runs/" + run)).isEqualTo(200);
    assertThat(page(viewer, "/admin/users")).isEqualTo(403);
    assertThat(page(noRole, "/runs/" + run)).isEqualTo(403);
    assertThat(page(clients.get(Role.ADMIN), "/admin/users")).isEqualTo(200);
    assertThat(page(clients.get(Role.ADMIN), "/admin/workspaces")).isEqualTo(200);
  }

  int page(RawHttp http, String path) {
    return http.send(
            HttpRequest.newBuilder(URI.create(http.base() + path)).header("Accept", "text/html"))
        .status();
  }
}

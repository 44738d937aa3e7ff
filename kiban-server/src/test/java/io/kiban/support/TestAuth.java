package io.kiban.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/** The administrator the test configuration creates, and clients that act as it. */
public final class TestAuth {

  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "Blue-Lantern-Orbit-2026";

  private TestAuth() {}

  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public static String adminBasic() {
    return basic(ADMIN, ADMIN_PASSWORD);
  }

  /** The official MLflow Java client, signed in as the administrator with HTTP Basic. */
  public static MlflowClient adminClient(int port) {
    return new MlflowClient(
        new BasicMlflowHostCreds("http://127.0.0.1:" + port, ADMIN, ADMIN_PASSWORD));
  }

  /** The official MLflow Java client with an API token (MLFLOW_TRACKING_TOKEN). */
  public static MlflowClient tokenClient(int port, String token) {
    return new MlflowClient(new BasicMlflowHostCreds("http://127.0.0.1:" + port, token));
  }
}

package io.kiban.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** See {@link RequiresChromium}. */
public final class ChromiumCondition implements ExecutionCondition {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (System.getenv("CI") != null) {
      return ConditionEvaluationResult.enabled("CI runs every browser suite");
    }
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return ConditionEvaluationResult.enabled("Chromium found");
    }
    String message =
        "!!! Chromium or chromedriver missing: SKIPPING "
            + context.getDisplayName()
            + ". Install them with: apt-get install -y chromium chromium-driver"
            + " fonts-ipaexfont-gothic. CI runs these tests. !!!";
    System.err.println(message);
    return ConditionEvaluationResult.disabled(message);
  }
}

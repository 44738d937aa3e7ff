package io.kiban.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.support.ChromiumCondition;
import io.kiban.support.RawHttp;
import io.kiban.support.RequiresChromium;
import io.kiban.support.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.mlflow.tracking.MlflowClient;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Debian's headless Chromium driving a running Kiban: the browser signs in as the administrator
 * before each test (the sign-in rate limit is raised, since every test signs in from one address),
 * a screenshot is kept under target/e2e-screenshots, and errors in the browser console fail the
 * test.
 */
@RequiresChromium
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "kiban.security.sign-in-per-minute=1000")
abstract class BrowserE2ESupport {

  static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }

  /** Console messages a test provokes on purpose (for example a page that answers 403). */
  final List<String> expectedConsoleErrors = new java.util.ArrayList<>();

  ChromeDriverService service;
  @LocalServerPort int port;
  WebDriver browser;
  MlflowClient mlflow;
  RawHttp http;
  String testName;

  @BeforeEach
  void open(TestInfo info) throws IOException {
    testName = info.getTestMethod().orElseThrow().getName();
    Files.createDirectories(SCREENSHOTS);
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(ChromiumCondition.CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(ChromiumCondition.CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--window-size=1400,1100",
        "--lang=en-US",
        "--user-data-dir=" + Files.createTempDirectory("kiban-chromium-"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    browser = new ChromeDriver(service, options);
    mlflow = io.kiban.support.TestAuth.adminClient(port);
    http = new RawHttp(port);
    signIn(io.kiban.support.TestAuth.ADMIN, io.kiban.support.TestAuth.ADMIN_PASSWORD);
  }

  /** Signs in through the sign-in form, as a person would. */
  void signIn(String username, String password) {
    browser.get(url("/signin"));
    browser.findElement(org.openqa.selenium.By.id("username")).sendKeys(username);
    browser.findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
    browser.findElement(org.openqa.selenium.By.id("signin-submit")).click();
    waiting(10).until(d -> !d.getCurrentUrl().contains("/signin"));
  }

  @AfterEach
  void close() throws IOException {
    try {
      Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, SCREENSHOTS.resolve(testName + ".png"), StandardCopyOption.REPLACE_EXISTING);
      List<LogEntry> severe =
          browser.manage().logs().get(LogType.BROWSER).getAll().stream()
              .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
              .filter(e -> !e.getMessage().contains("favicon.ico"))
              .filter(e -> !e.getMessage().contains("status of 400"))
              .filter(e -> expectedConsoleErrors.stream().noneMatch(e.getMessage()::contains))
              .toList();
      assertThat(severe).as("JavaScript errors in the browser console").isEmpty();
    } finally {
      browser.quit();
      service.stop();
      mlflow.close();
    }
  }

  /** Saves a screenshot of the current state under target/e2e-screenshots. */
  void shot(String suffix) throws IOException {
    Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(
        file,
        SCREENSHOTS.resolve(testName + "-" + suffix + ".png"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Waits that retry while the page is being replaced (elements of the old page go stale). */
  WebDriverWait waiting(int seconds) {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return wait;
  }
}

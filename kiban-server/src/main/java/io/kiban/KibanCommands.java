package io.kiban;

import io.kiban.audit.AuditChain;
import java.nio.file.Path;
import java.util.Arrays;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Command-line tools that run against the same database as the server, without serving HTTP: {@code
 * audit verify} and {@code audit export DIR}.
 */
final class KibanCommands {

  private KibanCommands() {}

  /** Runs the command and returns the process exit code. */
  static int audit(String[] args) {
    String[] options =
        java.util.stream.Stream.concat(
                Arrays.stream(args).filter(a -> a.startsWith("--")),
                java.util.stream.Stream.of(
                    "--logging.level.root=WARN",
                    "--logging.level.io.kiban=WARN",
                    "--kiban.commands=true"))
            .toArray(String[]::new);
    String[] words = Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
    if (words.length == 0 || !(words[0].equals("verify") || words[0].equals("export"))) {
      System.err.println(
          "usage: kiban audit verify | kiban audit export DIR  [--data-dir D | --database-url URL ...]");
      return 2;
    }
    if (words[0].equals("export") && words.length < 2) {
      System.err.println("kiban audit export needs the directory to write to");
      return 2;
    }
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(KibanApplication.class)
            .web(WebApplicationType.NONE)
            .properties(
                "spring.main.banner-mode=off", "kiban.commands=true", "logging.level.root=WARN")
            .run(options)) {
      AuditChain chain = context.getBean(AuditChain.class);
      if (words[0].equals("verify")) {
        AuditChain.Verification v = chain.verify();
        if (v.intact()) {
          System.out.println("The audit chain is intact: " + v.events() + " events verified.");
          return 0;
        }
        System.out.println(
            "The audit chain is BROKEN at event seq "
                + v.firstBrokenSeq()
                + (v.firstBrokenEventId() == null
                    ? ""
                    : " (event id " + v.firstBrokenEventId() + ")")
                + ": "
                + v.reason());
        return 1;
      }
      long n = chain.export(Path.of(words[1]));
      System.out.println(
          "Wrote "
              + n
              + " events to "
              + Path.of(words[1]).toAbsolutePath()
              + " (audit-events.jsonl, audit-events.csv).");
      return 0;
    } catch (Exception e) {
      System.err.println("kiban audit: " + e.getMessage());
      return 2;
    }
  }
}

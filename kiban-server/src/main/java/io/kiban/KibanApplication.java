package io.kiban;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KibanApplication {

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("audit")) {
      System.exit(KibanCommands.audit(java.util.Arrays.copyOfRange(args, 1, args.length)));
    }
    SpringApplication.run(KibanApplication.class, args);
  }
}

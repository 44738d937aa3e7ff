package io.kiban;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KibanApplication {

  public static void main(String[] args) {
    SpringApplication.run(KibanApplication.class, args);
  }
}

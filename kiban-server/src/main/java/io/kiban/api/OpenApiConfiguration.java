package io.kiban.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The description of Kiban's own API, generated from the controllers (committed as
 * docs/openapi.yaml).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI kibanOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Kiban API")
                .version("v1")
                .description(
                    "Kiban's own API: identity, the AI inventory, frameworks, Statement of"
                        + " Applicability, risks, classification, impact assessments, value,"
                        + " lineage, model cards and registry history. Errors are RFC 9457"
                        + " problem details (application/problem+json)."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "token", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                .addSecuritySchemes(
                    "basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
        .servers(
            java.util.List.of(
                new io.swagger.v3.oas.models.servers.Server()
                    .url("/")
                    .description("The Kiban server that serves this document")))
        .addSecurityItem(new SecurityRequirement().addList("token"))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }
}

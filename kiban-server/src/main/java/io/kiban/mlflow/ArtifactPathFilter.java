package io.kiban.mlflow;

import io.kiban.platform.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses artifact proxy URLs with '..' segments (plain or percent-encoded) with MLflow's 400
 * "Invalid path", before the servlet container's URL normalisation would silently route them
 * elsewhere.
 */
@Component
class ArtifactPathFilter extends OncePerRequestFilter {

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String uri = request.getRequestURI();
    return !uri.contains("/mlflow-artifacts/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String raw = request.getRequestURI().toLowerCase(Locale.ROOT).replace("%2e", ".");
    if (raw.contains("/../") || raw.endsWith("/..") || raw.contains("/./") || raw.endsWith("/.")) {
      response.setStatus(ErrorCode.INVALID_PARAMETER_VALUE.httpStatus());
      response.setContentType("application/json");
      response
          .getWriter()
          .write("{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"Invalid path\"}");
      return;
    }
    chain.doFilter(request, response);
  }
}

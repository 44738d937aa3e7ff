package io.kiban.identity.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/** Back to the sign-in page with a reason the page can show in the user's language. */
final class SignInFailureHandler implements AuthenticationFailureHandler {

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    String reason = exception instanceof LockedException ? "locked" : "bad";
    response.sendRedirect(request.getContextPath() + "/signin?error=" + reason);
  }
}

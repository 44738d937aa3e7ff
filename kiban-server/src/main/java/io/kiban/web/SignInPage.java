package io.kiban.web;

import io.kiban.identity.PrincipalSource;
import io.kiban.platform.config.KibanProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page; the form posts to Spring Security's /signin. */
@Controller
class SignInPage {

  private final PrincipalSource principals;
  private final KibanProperties properties;

  SignInPage(PrincipalSource principals, KibanProperties properties) {
    this.principals = principals;
    this.properties = properties;
  }

  @GetMapping("/signin")
  String signIn(
      @RequestParam(required = false) String error,
      @RequestParam(required = false) String signedOut,
      Model model) {
    if (principals.current().isPresent()) {
      return "redirect:/experiments";
    }
    String reason =
        error == null
            ? null
            : switch (error) {
              case "locked" -> "auth.error.locked";
              case "throttled" -> "auth.error.throttled";
              case "expired" -> "auth.error.expired";
              case "sso" -> "auth.error.sso";
              default -> "auth.error.bad";
            };
    model.addAttribute("errorKey", reason);
    model.addAttribute("signedOut", signedOut != null);
    model.addAttribute("sso", properties.oidc().enabled());
    model.addAttribute(
        "ssoLabel",
        properties.oidc().buttonLabel().isBlank() ? null : properties.oidc().buttonLabel());
    return "signin";
  }
}

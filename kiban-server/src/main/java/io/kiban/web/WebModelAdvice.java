package io.kiban.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** Model entries every page uses: links to the same page in each language. */
@ControllerAdvice(basePackageClasses = WebModelAdvice.class)
class WebModelAdvice {

  private final io.kiban.identity.PrincipalSource principals;

  WebModelAdvice(io.kiban.identity.PrincipalSource principals) {
    this.principals = principals;
  }

  /** The signed-in user, or null on the sign-in page. */
  @ModelAttribute("me")
  io.kiban.identity.KibanPrincipal me() {
    return principals.current().orElse(null);
  }

  @ModelAttribute("isAdmin")
  boolean isAdmin() {
    return principals
        .current()
        .map(p -> p.canGlobally(io.kiban.identity.Permission.ADMIN))
        .orElse(false);
  }

  @ModelAttribute("langUrls")
  static Map<String, String> langUrls(HttpServletRequest request) {
    Map<String, String> urls = new LinkedHashMap<>();
    for (String lang : new String[] {"ja", "en"}) {
      UriComponentsBuilder b =
          UriComponentsBuilder.fromPath(request.getRequestURI())
              .query(request.getQueryString())
              .replaceQueryParam("lang", lang);
      urls.put(lang, b.build().toUriString());
    }
    return urls;
  }
}

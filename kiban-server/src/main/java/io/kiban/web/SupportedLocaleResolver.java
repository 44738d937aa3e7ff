package io.kiban.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.web.servlet.LocaleResolver;

/** Keeps the UI in a language it has messages for: anything else becomes English. */
final class SupportedLocaleResolver implements LocaleResolver {

  private final LocaleResolver delegate;

  SupportedLocaleResolver(LocaleResolver delegate) {
    this.delegate = delegate;
  }

  @Override
  public Locale resolveLocale(HttpServletRequest request) {
    return supported(delegate.resolveLocale(request));
  }

  @Override
  public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    delegate.setLocale(request, response, locale == null ? null : supported(locale));
  }

  static Locale supported(Locale locale) {
    for (Locale s : WebConfiguration.SUPPORTED) {
      if (s.getLanguage().equals(locale.getLanguage())) {
        return s;
      }
    }
    return Locale.ENGLISH;
  }
}

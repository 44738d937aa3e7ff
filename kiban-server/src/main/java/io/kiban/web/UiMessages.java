package io.kiban.web;

import io.kiban.platform.error.ErrorCode;
import io.kiban.platform.error.KibanException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Turns failures into a sentence in the user's language plus the technical detail. */
@Component
class UiMessages {

  private final MessageSource messages;

  UiMessages(MessageSource messages) {
    this.messages = messages;
  }

  String get(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }

  String explain(KibanException e) {
    String lead =
        switch (e.code()) {
          case RESOURCE_DOES_NOT_EXIST -> get("error.notFoundThing");
          case RESOURCE_ALREADY_EXISTS -> get("error.alreadyExists");
          case PERMISSION_DENIED -> get("error.denied");
          case REQUEST_LIMIT_EXCEEDED -> get("error.throttled");
          default -> get("error.invalid");
        };
    return lead + " " + e.getMessage();
  }

  /**
   * Runs a form action, then redirects to {@code target} with a notice on success or the explained
   * error on failure.
   */
  String act(
      org.springframework.web.servlet.mvc.support.RedirectAttributes flash,
      Runnable action,
      String notice,
      String target) {
    try {
      action.run();
      flash.addFlashAttribute("notice", get(notice));
    } catch (KibanException e) {
      flash.addFlashAttribute("error", explain(e));
    }
    return "redirect:" + target;
  }

  /**
   * Runs a form action that creates a secret to show once (an API token): on success the secret
   * goes to the next page as {@code newToken} with the notice.
   */
  String actShowingOnce(
      org.springframework.web.servlet.mvc.support.RedirectAttributes flash,
      java.util.function.Supplier<String> action,
      String notice,
      String target) {
    try {
      flash.addFlashAttribute("newToken", action.get());
      flash.addFlashAttribute("notice", get(notice));
    } catch (KibanException e) {
      flash.addFlashAttribute("error", explain(e));
    }
    return "redirect:" + target;
  }

  static int status(KibanException e) {
    return e.code() == ErrorCode.INTERNAL_ERROR ? 500 : e.code().httpStatus();
  }
}

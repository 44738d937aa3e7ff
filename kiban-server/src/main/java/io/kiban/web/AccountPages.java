package io.kiban.web;

import io.kiban.identity.AccessControl;
import io.kiban.identity.IdentityService;
import io.kiban.identity.KibanPrincipal;
import io.kiban.identity.TokenService;
import io.kiban.identity.WorkspaceService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's own page: roles, password change, personal API tokens. */
@Controller
class AccountPages {

  private final AccessControl access;
  private final IdentityService identity;
  private final TokenService tokens;
  private final WorkspaceService workspaces;
  private final UiMessages messages;

  AccountPages(
      AccessControl access,
      IdentityService identity,
      TokenService tokens,
      WorkspaceService workspaces,
      UiMessages messages) {
    this.access = access;
    this.identity = identity;
    this.tokens = tokens;
    this.workspaces = workspaces;
    this.messages = messages;
  }

  @GetMapping("/account")
  String account(Model model) {
    KibanPrincipal me = access.current();
    model.addAttribute("user", identity.get(me.username()));
    model.addAttribute("grants", workspaces.grantsOf(me.username()));
    model.addAttribute("tokens", tokens.mine());
    model.addAttribute("now", System.currentTimeMillis());
    return "account";
  }

  @PostMapping("/account/password")
  String changePassword(
      @RequestParam(defaultValue = "") String current,
      @RequestParam(defaultValue = "") String password,
      @RequestParam(defaultValue = "") String confirm,
      RedirectAttributes flash) {
    if (!password.equals(confirm)) {
      flash.addFlashAttribute("error", messages.get("account.passwordMismatch"));
      return "redirect:/account";
    }
    return messages.act(
        flash,
        () -> identity.changeOwnPassword(current, password),
        "account.passwordChanged",
        "/account");
  }

  @PostMapping("/account/tokens")
  String createToken(
      @RequestParam(defaultValue = "") String name,
      @RequestParam(required = false) Integer days,
      RedirectAttributes flash) {
    return messages.actShowingOnce(
        flash,
        () -> tokens.create(null, name, days).secret(),
        "tokens.createdNotice",
        "/account#tokens");
  }

  @PostMapping("/account/tokens/{id}/revoke")
  String revoke(@PathVariable long id, RedirectAttributes flash) {
    return messages.act(flash, () -> tokens.revoke(id), "tokens.revokedNotice", "/account#tokens");
  }
}

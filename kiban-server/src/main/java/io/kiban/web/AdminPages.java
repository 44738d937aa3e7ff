package io.kiban.web;

import io.kiban.identity.IdentityService;
import io.kiban.identity.Role;
import io.kiban.identity.TokenService;
import io.kiban.identity.WorkspaceService;
import io.kiban.platform.error.KibanException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administration: users, their role grants and tokens, workspaces. The services refuse everyone
 * without the admin permission; these pages only render and forward.
 */
@Controller
class AdminPages {

  private final IdentityService identity;
  private final TokenService tokens;
  private final WorkspaceService workspaces;
  private final UiMessages messages;

  AdminPages(
      IdentityService identity,
      TokenService tokens,
      WorkspaceService workspaces,
      UiMessages messages) {
    this.identity = identity;
    this.tokens = tokens;
    this.workspaces = workspaces;
    this.messages = messages;
  }

  @GetMapping("/admin")
  String home() {
    return "redirect:/admin/users";
  }

  @GetMapping("/admin/users")
  String users(Model model) {
    model.addAttribute("users", identity.list());
    model.addAttribute("now", System.currentTimeMillis());
    return "admin-users";
  }

  @PostMapping("/admin/users")
  String createUser(
      @RequestParam(defaultValue = "") String username,
      @RequestParam(defaultValue = "") String displayName,
      @RequestParam(defaultValue = "") String email,
      @RequestParam(defaultValue = "human") String kind,
      @RequestParam(defaultValue = "") String password,
      RedirectAttributes flash) {
    try {
      identity.create(username, displayName, email, kind, password);
      flash.addFlashAttribute("notice", messages.get("admin.userCreated"));
      return "redirect:" + userUrl(username.strip().toLowerCase(java.util.Locale.ROOT));
    } catch (KibanException e) {
      flash.addFlashAttribute("error", messages.explain(e));
      return "redirect:/admin/users";
    }
  }

  @GetMapping("/admin/users/{username}")
  String user(@PathVariable String username, Model model) {
    model.addAttribute("user", identity.get(username));
    model.addAttribute("grants", workspaces.grantsOf(username));
    model.addAttribute("tokens", tokens.of(username));
    model.addAttribute("roles", Arrays.stream(Role.values()).map(Role::wireName).toList());
    model.addAttribute("workspaces", workspaces.list());
    model.addAttribute("now", System.currentTimeMillis());
    model.addAttribute("userUrl", userUrl(username));
    return "admin-user";
  }

  @PostMapping("/admin/users/{username}/active")
  String setActive(
      @PathVariable String username, @RequestParam boolean active, RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> identity.setActive(username, active),
        active ? "admin.activated" : "admin.deactivated",
        userUrl(username));
  }

  @PostMapping("/admin/users/{username}/unlock")
  String unlock(@PathVariable String username, RedirectAttributes flash) {
    return messages.act(
        flash, () -> identity.unlock(username), "admin.unlocked", userUrl(username));
  }

  @PostMapping("/admin/users/{username}/password")
  String resetPassword(
      @PathVariable String username,
      @RequestParam(defaultValue = "") String password,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> identity.resetPassword(username, password),
        "admin.passwordReset",
        userUrl(username));
  }

  @PostMapping("/admin/users/{username}/grants")
  String grant(
      @PathVariable String username,
      @RequestParam(defaultValue = "") String role,
      @RequestParam(defaultValue = "*") String workspace,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> workspaces.grant(username, role, workspace),
        "admin.granted",
        userUrl(username));
  }

  @PostMapping("/admin/users/{username}/grants/revoke")
  String revokeGrant(
      @PathVariable String username,
      @RequestParam(defaultValue = "") String role,
      @RequestParam(defaultValue = "*") String workspace,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> workspaces.revoke(username, role, workspace),
        "admin.grantRevoked",
        userUrl(username));
  }

  @PostMapping("/admin/users/{username}/tokens")
  String createToken(
      @PathVariable String username,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(required = false) Integer days,
      RedirectAttributes flash) {
    return messages.actShowingOnce(
        flash,
        () -> tokens.create(username, name, days).secret(),
        "tokens.createdNotice",
        userUrl(username));
  }

  @PostMapping("/admin/tokens/{id}/revoke")
  String revokeToken(
      @PathVariable long id,
      @RequestParam(defaultValue = "") String back,
      RedirectAttributes flash) {
    String target = back.startsWith("/admin/") ? back : "/admin/users";
    return messages.act(flash, () -> tokens.revoke(id), "tokens.revokedNotice", target);
  }

  @GetMapping("/admin/workspaces")
  String workspaces(Model model) {
    model.addAttribute("workspaces", workspaces.list());
    return "admin-workspaces";
  }

  @GetMapping("/admin/workspaces/{name}")
  String workspace(@PathVariable String name, Model model) {
    model.addAttribute("workspace", workspaces.get(name));
    model.addAttribute("members", workspaces.members(name));
    return "admin-workspace";
  }

  @PostMapping("/admin/workspaces")
  String createWorkspace(
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String displayName,
      @RequestParam(defaultValue = "") String description,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> workspaces.create(name, displayName, description),
        "admin.workspaceCreated",
        "/admin/workspaces");
  }

  static String userUrl(String username) {
    return "/admin/users/" + URLEncoder.encode(username, StandardCharsets.UTF_8);
  }
}

package io.kiban.web;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** The product areas that later releases fill, shown as not yet available instead of faked. */
@Controller
class AreaPages {

  static final List<String> LATER = List.of("reports");

  @GetMapping("/areas/{area}")
  String area(@PathVariable String area, Model model) {
    if (!LATER.contains(area)) {
      throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
    }
    model.addAttribute("area", area);
    return "not-yet";
  }
}

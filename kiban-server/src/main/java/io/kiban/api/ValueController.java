package io.kiban.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.kiban.governance.value.ValueService;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Value of use cases: KPIs and measurements, costs and benefits, ROI, portfolio. */
@RestController
@RequestMapping(path = "/api/kiban/v1", produces = "application/json")
class ValueController {

  record KpiBody(String name, String unit, String direction, Double baseline, Double target) {}

  record MeasurementBody(
      @JsonProperty("measured_on") String measuredOn, Double value, String note) {}

  record EntryBody(String period, String kind, BigDecimal amount, String currency, String note) {}

  private final ValueService value;

  ValueController(ValueService value) {
    this.value = value;
  }

  @GetMapping("/use-cases/{key}/value")
  ValueService.Summary summary(@PathVariable String key) {
    return value.summary(key);
  }

  @PostMapping("/use-cases/{key}/kpis")
  @ResponseStatus(HttpStatus.CREATED)
  ValueService.Kpi addKpi(@PathVariable String key, @RequestBody KpiBody body) {
    return value.addKpi(
        key, body.name(), body.unit(), body.direction(), body.baseline(), body.target());
  }

  @PostMapping("/use-cases/{key}/kpis/{id}/measurements")
  @ResponseStatus(HttpStatus.CREATED)
  ValueService.Kpi measure(
      @PathVariable String key, @PathVariable long id, @RequestBody MeasurementBody body) {
    return value.measure(key, id, body.measuredOn(), body.value(), body.note());
  }

  @PostMapping("/use-cases/{key}/value-entries")
  @ResponseStatus(HttpStatus.CREATED)
  ValueService.Entry addEntry(@PathVariable String key, @RequestBody EntryBody body) {
    return value.addEntry(
        key, body.period(), body.kind(), body.amount(), body.currency(), body.note());
  }

  @GetMapping("/portfolio")
  List<ValueService.PortfolioItem> portfolio() {
    return value.portfolio();
  }
}

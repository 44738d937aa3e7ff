package io.kiban.tracking.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiban.platform.error.KibanException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchFilterParserTest {

  static FilterClause only(String filter) {
    List<FilterClause> clauses = SearchFilterParser.parseRunFilter(filter);
    assertThat(clauses).hasSize(1);
    return clauses.get(0);
  }

  @Test
  void emptyFiltersHaveNoClauses() {
    assertThat(SearchFilterParser.parseRunFilter(null)).isEmpty();
    assertThat(SearchFilterParser.parseRunFilter("   ")).isEmpty();
    assertThat(SearchFilterParser.parseRunOrderBy(null)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "metrics.acc > 0.5, METRIC",
    "metric.acc > 0.5, METRIC",
    "params.lr = '1', PARAM",
    "param.lr = '1', PARAM",
    "parameter.lr = '1', PARAM",
    "parameters.lr = '1', PARAM",
    "tags.lr = '1', TAG",
    "tag.lr = '1', TAG",
    "datasets.name = 'x', DATASET",
    "dataset.name = 'x', DATASET"
  })
  void entityPrefixAliases(String filter, EntityType type) {
    assertThat(only(filter).type()).isEqualTo(type);
  }

  @Test
  void attributeAliasesNormalizeToCanonicalNames() {
    assertThat(only("attributes.status = 'FINISHED'").key()).isEqualTo("status");
    assertThat(only("attr.run_id = 'abc'").key()).isEqualTo("run_id");
    assertThat(only("run.user_id = 'u'").key()).isEqualTo("user_id");
    assertThat(only("attribute.created > 5").key()).isEqualTo("start_time");
    assertThat(only("attributes.`run name` = 'x'").key()).isEqualTo("run_name");
    assertThat(only("attributes.end_time <= 7").value()).isEqualTo(7.0);
  }

  @Test
  void quotedKeysGluedComparatorsAndNumbers() {
    FilterClause backtick = only("metrics.`val loss`>=-1.5e-3");
    assertThat(backtick)
        .isEqualTo(new FilterClause(EntityType.METRIC, "val loss", Comparator.GE, -1.5e-3));
    FilterClause doubleQuoted = only("tags.\"my tag\" != \"it's\"");
    assertThat(doubleQuoted)
        .isEqualTo(new FilterClause(EntityType.TAG, "my tag", Comparator.NE, "it's"));
    assertThat(only("params.`a/b:c-d.e` = 'x'").key()).isEqualTo("a/b:c-d.e");
    assertThat(only("metrics.val/acc < 3").key()).isEqualTo("val/acc");
    assertThat(only("params.x = 'it''s'").value()).isEqualTo("it's");
    assertThat(only("params.x = 'a\\'b'").value()).isEqualTo("a'b");
  }

  @Test
  void inListsAndChainsOfAnd() {
    List<FilterClause> clauses =
        SearchFilterParser.parseRunFilter(
            "attributes.run_id IN ('a', \"b\") and metrics.m < 1 AND tags.t LIKE 'x%' "
                + "aNd datasets.digest NOT IN ('d1')  and params.p ilike '%Q%'");
    assertThat(clauses)
        .containsExactly(
            new FilterClause(EntityType.ATTRIBUTE, "run_id", Comparator.IN, List.of("a", "b")),
            new FilterClause(EntityType.METRIC, "m", Comparator.LT, 1.0),
            new FilterClause(EntityType.TAG, "t", Comparator.LIKE, "x%"),
            new FilterClause(EntityType.DATASET, "digest", Comparator.NOT_IN, List.of("d1")),
            new FilterClause(EntityType.PARAM, "p", Comparator.ILIKE, "%Q%"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "metrics.a > 1 OR metrics.b < 2|Invalid clause(s) in filter string: 'OR'",
        "foo.a = 'x'|Invalid entity type 'foo'",
        "acc > 1|Invalid identifier 'acc'",
        "params.lr > '1'|Invalid comparator '>' for param key 'lr'",
        "metrics.acc LIKE '1'|Invalid comparator 'LIKE' for metric key 'acc'",
        "metrics.acc = 'high'|Expected a number for metric 'acc'",
        "params.lr = 5|Expected a quoted string for param 'lr'",
        "tags.t = 'open|Unterminated string",
        "metrics.a > 1 metrics.b < 2|expected AND or the end of the filter",
        "attributes.run_id IN ()|Empty value list",
        "attributes.status IN ('a')|Invalid comparator 'IN' for attribute key 'status'",
        "attributes.colour = 'red'|Invalid attribute key 'colour'",
        "datasets.size = 'x'|Invalid dataset key 'size'",
        "metrics.a >|expected a value after >",
        "metrics.a > 1 AND|a clause must follow the final AND",
        "metrics.a ~ 1|Invalid comparator",
        "params.p = abc|Invalid value 'abc'"
      })
  void badFiltersGetClearMessages(String filter, String message) {
    assertThatThrownBy(() -> SearchFilterParser.parseRunFilter(filter))
        .isInstanceOf(KibanException.class)
        .hasMessageContaining(message);
  }

  @Test
  void runOrderBy() {
    assertThat(
            SearchFilterParser.parseRunOrderBy(
                List.of("metrics.`val acc` DESC", "params.lr", "start_time asc", "attr.run_name")))
        .containsExactly(
            new OrderClause(EntityType.METRIC, "val acc", false),
            new OrderClause(EntityType.PARAM, "lr", true),
            new OrderClause(EntityType.ATTRIBUTE, "start_time", true),
            new OrderClause(EntityType.ATTRIBUTE, "run_name", true));
    assertThatThrownBy(() -> SearchFilterParser.parseRunOrderBy(List.of("metrics.a sideways")))
        .hasMessageContaining("Invalid order_by clause 'metrics.a sideways'");
    assertThatThrownBy(() -> SearchFilterParser.parseRunOrderBy(List.of("datasets.name")))
        .hasMessageContaining("Invalid order_by key");
    assertThatThrownBy(() -> SearchFilterParser.parseRunOrderBy(List.of("colour")))
        .hasMessageContaining("Invalid order_by key 'colour'");
  }

  @Test
  void experimentFilterAndOrderBy() {
    assertThat(
            SearchFilterParser.parseExperimentFilter(
                "name LIKE 'fraud%' AND attribute.creation_time > 10 AND tags.team = 'risk'"))
        .containsExactly(
            new FilterClause(EntityType.ATTRIBUTE, "name", Comparator.LIKE, "fraud%"),
            new FilterClause(EntityType.ATTRIBUTE, "creation_time", Comparator.GT, 10.0),
            new FilterClause(EntityType.TAG, "team", Comparator.EQ, "risk"));
    assertThatThrownBy(() -> SearchFilterParser.parseExperimentFilter("metrics.a > 1"))
        .hasMessageContaining("Invalid entity type 'metrics'");
    assertThatThrownBy(() -> SearchFilterParser.parseExperimentFilter("owner = 'x'"))
        .hasMessageContaining("Invalid attribute key 'owner'");
    assertThat(SearchFilterParser.parseExperimentOrderBy(List.of("name DESC", "experiment_id")))
        .containsExactly(
            new OrderClause(EntityType.ATTRIBUTE, "name", false),
            new OrderClause(EntityType.ATTRIBUTE, "experiment_id", true));
    assertThatThrownBy(() -> SearchFilterParser.parseExperimentOrderBy(List.of("tags.x")))
        .hasMessageContaining("Invalid order_by clause");
  }
}

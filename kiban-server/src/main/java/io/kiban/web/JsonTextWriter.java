package io.kiban.web;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes data as JSON for a {@code <script type="application/json">} block; '<' is escaped so the
 * data can never close the script element.
 */
@Component("jsonText")
public class JsonTextWriter {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public String write(Object value) {
    return JSON.writeValueAsString(value).replace("<", "\\u003c");
  }
}

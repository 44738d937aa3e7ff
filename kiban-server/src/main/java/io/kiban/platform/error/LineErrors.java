package io.kiban.platform.error;

import java.util.List;

/**
 * A rejected file import: every problem found, each with the line (and column) it is on. Nothing of
 * the file was written.
 */
public class LineErrors extends KibanException {

  private static final long serialVersionUID = 1L;

  /** One problem: 1-based line of the file, the column or field, and what is wrong. */
  public record LineError(int line, String field, String message) {}

  private final transient List<LineError> errors;

  public LineErrors(String what, List<LineError> errors) {
    super(
        ErrorCode.INVALID_PARAMETER_VALUE,
        what
            + " was rejected with "
            + errors.size()
            + (errors.size() == 1 ? " error" : " errors")
            + "; nothing was written. First: "
            + (errors.get(0).line() > 0 ? "line " + errors.get(0).line() + " " : "")
            + (errors.get(0).field() == null ? "" : "(" + errors.get(0).field() + ") ")
            + errors.get(0).message());
    this.errors = List.copyOf(errors);
  }

  public List<LineError> errors() {
    return errors;
  }
}

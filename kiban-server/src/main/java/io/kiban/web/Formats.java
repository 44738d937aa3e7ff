package io.kiban.web;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Locale-aware formatting for templates: {@code ${@fmt.time(run.info.startTime)}}. */
@Component("fmt")
public class Formats {

  private final MessageSource messages;
  private final ZoneId zone = ZoneId.systemDefault();

  Formats(MessageSource messages) {
    this.messages = messages;
  }

  private static Locale locale() {
    return LocaleContextHolder.getLocale();
  }

  public String time(Long epochMillis) {
    if (epochMillis == null || epochMillis <= 0) {
      return "—";
    }
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
        .withLocale(locale())
        .withZone(zone)
        .format(Instant.ofEpochMilli(epochMillis));
  }

  /** The zone the UI shows times in and reads form times in. */
  public String zone() {
    return zone.getId();
  }

  /** A time as a datetime-local form value in the UI's zone. */
  public String localInput(Long epochMillis) {
    return epochMillis == null
        ? ""
        : java.time.LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone)
            .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
            .toString();
  }

  /** A datetime-local form value read in the UI's zone, as an ISO-8601 time with its offset. */
  String fromLocalInput(String value) {
    if (value == null || !value.strip().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?")) {
      return value;
    }
    return java.time.LocalDateTime.parse(value.strip()).atZone(zone).toOffsetDateTime().toString();
  }

  public String isoTime(Long epochMillis) {
    return epochMillis == null ? "" : Instant.ofEpochMilli(epochMillis).toString();
  }

  public String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "∞" : "-∞";
    }
    NumberFormat format = NumberFormat.getNumberInstance(locale());
    double abs = Math.abs(value);
    if (abs != 0 && (abs < 1e-4 || abs >= 1e12)) {
      return String.format(locale(), "%.4e", value);
    }
    format.setMaximumFractionDigits(abs >= 1000 ? 2 : 6);
    return format.format(value);
  }

  public String integer(long value) {
    return NumberFormat.getIntegerInstance(locale()).format(value);
  }

  public String bytes(Long size) {
    if (size == null) {
      return "";
    }
    if (size < 1024) {
      return integer(size) + " B";
    }
    double kb = size / 1024.0;
    if (kb < 1024) {
      return number(Math.round(kb * 10) / 10.0) + " KB";
    }
    return number(Math.round(kb / 1024 * 10) / 10.0) + " MB";
  }

  /** A duration between two instants, or from start until now for a run still going. */
  public String duration(long start, Long end) {
    if (start <= 0) {
      return "—";
    }
    long stop = end == null ? System.currentTimeMillis() : end;
    long seconds = Math.max(0, (stop - start) / 1000);
    Locale l = locale();
    if (seconds < 60) {
      return messages.getMessage("duration.seconds", new Object[] {seconds}, l);
    }
    if (seconds < 3600) {
      return messages.getMessage("duration.minutes", new Object[] {seconds / 60, seconds % 60}, l);
    }
    return messages.getMessage(
        "duration.hours", new Object[] {seconds / 3600, (seconds % 3600) / 60}, l);
  }
}

package io.kiban.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a suite that drives Debian's headless Chromium (/usr/bin/chromium and
 * /usr/bin/chromedriver). In CI it always runs, so a missing browser fails the build; elsewhere it
 * is skipped with a loud warning.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ChromiumCondition.class)
public @interface RequiresChromium {}

package io.kiban.tracking;

import java.util.concurrent.ThreadLocalRandom;

/** Generates readable names for runs created without one, as MLflow does. */
final class RunNames {

  private static final String[] ADJECTIVES = {
    "able", "bold", "brave", "bright", "calm", "clever", "crisp", "eager", "fair", "fast", "gentle",
    "glad", "grand", "keen", "kind", "lively", "lucky", "merry", "neat", "noble", "proud", "quick",
    "quiet", "rare", "sharp", "shy", "smart", "steady", "swift", "warm", "wise"
  };
  private static final String[] NOUNS = {
    "bass", "bear", "crane", "deer", "dove", "eagle", "finch", "fox", "hare", "hawk", "heron",
    "ibis", "koi", "lark", "lynx", "mole", "newt", "owl", "panda", "quail", "raven", "seal",
    "shrike", "sparrow", "swan", "tern", "tiger", "trout", "wolf", "wren", "yak"
  };

  private RunNames() {}

  static String generate() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return ADJECTIVES[random.nextInt(ADJECTIVES.length)]
        + "-"
        + NOUNS[random.nextInt(NOUNS.length)]
        + "-"
        + random.nextInt(1000);
  }
}

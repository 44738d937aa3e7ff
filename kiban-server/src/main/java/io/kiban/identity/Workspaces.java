package io.kiban.identity;

/** Names shared by the modules that own things in workspaces. */
public final class Workspaces {

  /** The workspace of everything created before workspaces existed, and the fallback. */
  public static final String DEFAULT = "default";

  /** Tag a client sets on a new experiment or registered model to choose its workspace. */
  public static final String TAG = "kiban.workspace";

  private Workspaces() {}
}

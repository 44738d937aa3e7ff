package io.kiban.tracking;

/** Reserved tag keys that MLflow clients set and Kiban interprets. */
public final class MlflowTags {

  public static final String RUN_NAME = "mlflow.runName";
  public static final String USER = "mlflow.user";
  public static final String PARENT_RUN_ID = "mlflow.parentRunId";
  public static final String DATASET_CONTEXT = "mlflow.data.context";

  private MlflowTags() {}
}

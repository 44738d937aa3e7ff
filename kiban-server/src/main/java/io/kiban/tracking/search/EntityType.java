package io.kiban.tracking.search;

/** What a filter or sort key refers to. */
public enum EntityType {
  METRIC,
  PARAM,
  TAG,
  ATTRIBUTE,
  DATASET
}

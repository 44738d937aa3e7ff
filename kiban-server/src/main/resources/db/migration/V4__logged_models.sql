-- MLflow 3 logged models: a model logged from a run, with its own artifacts, params and tags,
-- that model versions can be registered from (source models:/<model_id>).

CREATE TABLE logged_model (
    model_id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    experiment_id     BIGINT        NOT NULL REFERENCES experiment (experiment_id),
    name              VARCHAR(500)  NOT NULL,
    artifact_location VARCHAR(2048) NOT NULL,
    creation_time     BIGINT        NOT NULL,
    last_updated_time BIGINT        NOT NULL,
    model_type        VARCHAR(500),
    source_run_id     VARCHAR(32),
    status            VARCHAR(32)   NOT NULL,
    status_message    VARCHAR(1000),
    lifecycle_stage   VARCHAR(16)   NOT NULL,
    CONSTRAINT logged_model_status_check CHECK (status IN
        ('LOGGED_MODEL_PENDING', 'LOGGED_MODEL_READY', 'LOGGED_MODEL_UPLOAD_FAILED'))
);

CREATE INDEX logged_model_experiment_idx ON logged_model (experiment_id, creation_time);
CREATE INDEX logged_model_run_idx ON logged_model (source_run_id);

CREATE TABLE logged_model_tag (
    model_id  VARCHAR(64)   NOT NULL REFERENCES logged_model (model_id),
    tag_key   VARCHAR(250)  NOT NULL,
    tag_value VARCHAR(8000) NOT NULL,
    PRIMARY KEY (model_id, tag_key)
);

CREATE TABLE logged_model_param (
    model_id    VARCHAR(64)   NOT NULL REFERENCES logged_model (model_id),
    param_key   VARCHAR(250)  NOT NULL,
    param_value VARCHAR(6000) NOT NULL,
    PRIMARY KEY (model_id, param_key)
);

-- Models a run produced (runs/outputs), at a step.
CREATE TABLE run_output (
    run_uuid VARCHAR(32) NOT NULL REFERENCES run (run_uuid),
    model_id VARCHAR(64) NOT NULL REFERENCES logged_model (model_id),
    step     BIGINT      NOT NULL,
    PRIMARY KEY (run_uuid, model_id)
);

-- The parts of a model card that cannot be derived: written by people, per model version.
CREATE TABLE model_card_section (
    model_id   BIGINT         NOT NULL,
    version    INTEGER        NOT NULL,
    section    VARCHAR(64)    NOT NULL,
    body       VARCHAR(20000) NOT NULL,
    updated_at BIGINT         NOT NULL,
    updated_by VARCHAR(256)   NOT NULL,
    PRIMARY KEY (model_id, version, section),
    FOREIGN KEY (model_id, version) REFERENCES model_version (model_id, version)
);

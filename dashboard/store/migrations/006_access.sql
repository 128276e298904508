CREATE TABLE IF NOT EXISTS app_user (
    username VARCHAR PRIMARY KEY,
    display_name VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    password_hash VARCHAR,
    disabled BOOLEAN NOT NULL DEFAULT false,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMP,
    last_login TIMESTAMP,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS user_scope (
    username VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    PRIMARY KEY (username, kind, value)
);
CREATE TABLE IF NOT EXISTS role_claim_map (
    claim_value VARCHAR PRIMARY KEY,
    role VARCHAR NOT NULL,
    areas VARCHAR[] NOT NULL DEFAULT [],
    fields VARCHAR[] NOT NULL DEFAULT []
);
CREATE SEQUENCE IF NOT EXISTS access_log_id START 1;
CREATE TABLE IF NOT EXISTS access_log (
    id INTEGER PRIMARY KEY DEFAULT nextval('access_log_id'),
    happened_at TIMESTAMP NOT NULL,
    username VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    detail VARCHAR
);

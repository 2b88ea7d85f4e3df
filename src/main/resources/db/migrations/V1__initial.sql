-- attestation-gateway schema, version 1.
CREATE TABLE tenants (
    name       text PRIMARY KEY,
    created_at timestamptz NOT NULL
);
INSERT INTO tenants (name, created_at) VALUES ('default', now());

-- The policy in force per tenant and attestation type; every version is also in policy_history.
CREATE TABLE policies (
    tenant            text NOT NULL REFERENCES tenants (name) ON DELETE CASCADE,
    type              text NOT NULL,
    version           bigint NOT NULL,
    text              text NOT NULL,
    jws               text NOT NULL,
    signer_thumbprint text,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (tenant, type)
);
CREATE TABLE policy_history (
    tenant            text NOT NULL REFERENCES tenants (name) ON DELETE CASCADE,
    type              text NOT NULL,
    version           bigint NOT NULL,
    text              text NOT NULL,
    jws               text NOT NULL,
    signer_thumbprint text,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (tenant, type, version)
);
-- Versions keep counting across resets.
CREATE TABLE policy_versions (
    tenant  text NOT NULL REFERENCES tenants (name) ON DELETE CASCADE,
    type    text NOT NULL,
    version bigint NOT NULL,
    PRIMARY KEY (tenant, type)
);

CREATE TABLE policy_signers (
    tenant      text NOT NULL REFERENCES tenants (name) ON DELETE CASCADE,
    thumbprint  text NOT NULL,
    certificate bytea NOT NULL,
    added_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant, thumbprint)
);

-- Private keys are sealed with the key-encryption key (AES-256-GCM); never stored in clear.
CREATE TABLE signing_keys (
    tenant      text NOT NULL,
    kid         text NOT NULL,
    alg         text NOT NULL,
    sealed_key  bytea NOT NULL,
    chain_pem   text NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant, kid)
);

CREATE TABLE collateral (
    key         text PRIMARY KEY,
    body        bytea NOT NULL,
    headers     jsonb NOT NULL,
    fetched_at  timestamptz NOT NULL,
    next_update timestamptz NOT NULL
);

CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor       text NOT NULL,
    action      text NOT NULL,
    tenant      text NOT NULL,
    subject     text NOT NULL,
    policy_hash text
);
CREATE INDEX audit_log_tenant ON audit_log (tenant, id);

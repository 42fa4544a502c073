-- People's accounts (api.md "People sign in; systems use tokens"): HR officers and principals sign in
-- with a user name and a password (argon2id). A principal's account is bound to exactly one school,
-- as a principal token is. No password until the account is activated with a one-time code.
CREATE TABLE accounts (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username        text NOT NULL CHECK (length(username) BETWEEN 1 AND 100),
  display_name    text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  role            text NOT NULL CHECK (role IN ('hr','principal')),
  school_id       uuid REFERENCES schools(id) ON DELETE CASCADE,
  password_hash   text,
  disabled        boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz,
  CHECK ((role = 'principal') = (school_id IS NOT NULL))
);
-- user names are matched without regard to case: 'URB' and 'urb' are one account
CREATE UNIQUE INDEX accounts_username_key ON accounts (lower(username));
CREATE INDEX accounts_school_idx ON accounts (school_id);

-- Server-side sessions: the cookie carries a random secret, the table its SHA-256 only. Stored in
-- the database so that several service processes share them.
CREATE TABLE account_sessions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash   text NOT NULL UNIQUE,
  account_id   uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  -- the absolute expiry; the idle expiry is last_seen_at plus the configured idle time
  expires_at   timestamptz NOT NULL,
  ended_at     timestamptz
);
CREATE INDEX account_sessions_account_idx ON account_sessions (account_id);

-- One-time activation codes, stored as SHA-256 only: HR hands the code out, the person sets a password with it.
CREATE TABLE account_activation_codes (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  code_hash  text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);
CREATE INDEX account_activation_codes_account_idx ON account_activation_codes (account_id);

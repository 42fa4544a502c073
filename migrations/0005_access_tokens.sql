-- Bearer tokens, stored as SHA-256 hashes only. A principal token is bound to exactly one school.
CREATE TABLE access_tokens (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  role       text NOT NULL CHECK (role IN ('hr','principal','integration')),
  school_id  uuid REFERENCES schools(id) ON DELETE CASCADE,
  label      text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CHECK ((role = 'principal') = (school_id IS NOT NULL))
);

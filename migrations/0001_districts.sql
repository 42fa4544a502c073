-- 学区 school districts (R20): one per township, plus the county seat's urban district(s).
CREATE TABLE districts (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  external_id text NOT NULL UNIQUE CHECK (length(external_id) BETWEEN 1 AND 100),
  code        text NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 50),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

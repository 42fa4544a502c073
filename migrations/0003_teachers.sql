-- Teachers, with every field of the REST contract. Subjects and stages are arrays checked against the catalogues.
CREATE TABLE teachers (
  id                            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  external_id                   text NOT NULL UNIQUE CHECK (length(external_id) BETWEEN 1 AND 100),
  name                          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  gender                        text NOT NULL CHECK (gender IN ('F','M')),
  birth_date                    date NOT NULL,
  hire_date                     date NOT NULL,
  school_id                     uuid NOT NULL REFERENCES schools(id) ON DELETE RESTRICT,
  school_since                  date NOT NULL,
  post                          text NOT NULL CHECK (post IN ('teacher','vice_principal','principal','party_secretary')),
  post_since                    date NOT NULL,
  subjects                      text[] NOT NULL CHECK (cardinality(subjects) >= 1 AND subjects <@ ARRAY[
    'chinese','math','english','physics','chemistry','biology','history','geography','politics','pe','music','art',
    'it','science','labour','psychology','special_education','preschool','general']::text[]),
  stages                        text[] NOT NULL CHECK (cardinality(stages) >= 1 AND stages <@ ARRAY[
    'kindergarten','primary','junior','nine_year','senior','complete_secondary','special']::text[]),
  title                         text NOT NULL CHECK (title IN ('none','third','second','first','senior','professor')),
  backbone                      text CHECK (backbone IN ('county','city','province')),
  education                     text NOT NULL CHECK (education IN ('secondary','associate','bachelor','master','doctor')),
  established                   boolean NOT NULL,
  status                        text NOT NULL DEFAULT 'active' CHECK (status IN ('active','on_leave','retired','left')),
  weekly_hours                  integer NOT NULL CHECK (weekly_hours BETWEEN 0 AND 40),
  senior_title_application_year integer CHECK (senior_title_application_year BETWEEN 1950 AND 2100),
  prior_rural_years             integer NOT NULL DEFAULT 0 CHECK (prior_rural_years BETWEEN 0 AND 60),
  volunteer                     boolean NOT NULL DEFAULT false,
  preference_max_km             double precision CHECK (preference_max_km > 0),
  created_at                    timestamptz NOT NULL DEFAULT now(),
  updated_at                    timestamptz NOT NULL DEFAULT now(),
  CHECK (hire_date >= birth_date),
  CHECK (school_since >= hire_date),
  CHECK (post_since >= hire_date)
);
CREATE INDEX teachers_school_idx ON teachers (school_id);

-- R09 exemptions (孕期/产假/哺乳期, illness, discipline, other with a note).
CREATE TABLE teacher_exemptions (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  teacher_id uuid NOT NULL REFERENCES teachers(id) ON DELETE CASCADE,
  reason     text NOT NULL CHECK (reason IN ('pregnancy','maternity','breastfeeding','illness','discipline','other')),
  from_date  date NOT NULL,
  to_date    date,
  note       text,
  CHECK (to_date IS NULL OR to_date >= from_date),
  CHECK (reason <> 'other' OR note IS NOT NULL)
);
CREATE INDEX teacher_exemptions_teacher_idx ON teacher_exemptions (teacher_id);

-- Ranked preferred schools (S6).
CREATE TABLE teacher_preferences (
  teacher_id uuid NOT NULL REFERENCES teachers(id) ON DELETE CASCADE,
  school_id  uuid NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  rank       integer NOT NULL CHECK (rank >= 1),
  PRIMARY KEY (teacher_id, school_id),
  UNIQUE (teacher_id, rank)
);

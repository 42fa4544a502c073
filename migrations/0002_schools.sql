-- Schools with their class (urban/township/rural, 优质 high-quality, 薄弱 weak), 编制 and per-subject needs.
CREATE TABLE schools (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  external_id        text NOT NULL UNIQUE CHECK (length(external_id) BETWEEN 1 AND 100),
  code               text NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 50),
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  district_id        uuid NOT NULL REFERENCES districts(id) ON DELETE RESTRICT,
  stage              text NOT NULL CHECK (stage IN ('kindergarten','primary','junior','nine_year','senior','complete_secondary','special')),
  locality           text NOT NULL CHECK (locality IN ('urban','township','rural')),
  is_high_quality    boolean NOT NULL DEFAULT false,
  is_weak            boolean NOT NULL DEFAULT false,
  is_central         boolean NOT NULL DEFAULT false,
  is_teaching_point  boolean NOT NULL DEFAULT false,
  is_boarding        boolean NOT NULL DEFAULT false,
  lat                double precision CHECK (lat BETWEEN -90 AND 90),
  lon                double precision CHECK (lon BETWEEN -180 AND 180),
  approved_headcount integer NOT NULL CHECK (approved_headcount >= 0),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((lat IS NULL) = (lon IS NULL))
);
CREATE INDEX schools_district_idx ON schools (district_id);

-- The subject catalogue (GET /subjects); shortage marks R24's priority subjects.
CREATE TABLE subjects (
  code     text PRIMARY KEY,
  name_zh  text NOT NULL,
  shortage boolean NOT NULL DEFAULT false
);
INSERT INTO subjects (code, name_zh, shortage) VALUES
  ('chinese','语文',false), ('math','数学',false), ('english','英语',false), ('physics','物理',false),
  ('chemistry','化学',false), ('biology','生物',false), ('history','历史',false), ('geography','地理',false),
  ('politics','思政',true), ('pe','体育',true), ('music','音乐',true), ('art','美术',true), ('it','信息技术',false),
  ('science','科学',false), ('labour','劳动',true), ('psychology','心理健康',true), ('special_education','特殊教育',true),
  ('preschool','学前',false), ('general','全科',false);

CREATE TABLE school_needs (
  school_id    uuid NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  subject      text NOT NULL REFERENCES subjects(code),
  teachers     integer NOT NULL CHECK (teachers >= 0),
  weekly_hours integer NOT NULL CHECK (weekly_hours >= 0),
  PRIMARY KEY (school_id, subject)
);

-- 结对 pairings (R30), stored in both directions.
CREATE TABLE school_pairings (
  school_id        uuid NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  paired_school_id uuid NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  PRIMARY KEY (school_id, paired_school_id),
  CHECK (school_id <> paired_school_id)
);
CREATE INDEX school_pairings_paired_idx ON school_pairings (paired_school_id);

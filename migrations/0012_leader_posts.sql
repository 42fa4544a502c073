-- H10 (R08, R07, R04): a school's leadership posts, by count: its principal post (0 for a school led
-- from elsewhere, such as a teaching point), party secretaries and vice principals. NULL (all three):
-- not in the data, and the solver takes one principal post and as many of the others as are held
-- on 1 September of the plan year (docs/model.md, "Leader posts").
ALTER TABLE schools
  ADD COLUMN principal_posts       integer CHECK (principal_posts BETWEEN 0 AND 1),
  ADD COLUMN party_secretary_posts integer CHECK (party_secretary_posts BETWEEN 0 AND 10),
  ADD COLUMN vice_principal_posts  integer CHECK (vice_principal_posts BETWEEN 0 AND 20),
  ADD CONSTRAINT schools_leader_posts_all_or_none CHECK (
    (principal_posts IS NULL) = (party_secretary_posts IS NULL) AND (principal_posts IS NULL) = (vice_principal_posts IS NULL)
  );

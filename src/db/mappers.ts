/**
 * The row→domain mappers live with their aggregates (src/db/districts.ts, schools.ts, teachers.ts,
 * service-records.ts, plans.ts, proposals.ts, proposal-lines.ts, reviews.ts, audit.ts, tokens.ts).
 * This re-export stays for src/services/publish.ts, which another change owns.
 */
export { isRuralClass } from './schools.js';

import type { Kysely, Transaction } from 'kysely';
import type { DB } from './types.js';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * What keeps a teacher, school or district from being deleted, one entry per holder:
 * - `published_proposal`: a published list names it; the list is final (migration 0009 freezes it).
 * - `draft_proposal`: an unpublished proposal with lines (done, or any later stage before publishing)
 *   of a plan neither published nor archived names it. It may still be published after principals
 *   reviewed it: removing its lines would publish a list other than the one reviewed, whose summary no
 *   longer adds up. Drafts of a published or archived plan are dead; their lines go with the object.
 * - `plan_pins`: HR's pins and exclusions (H9) of an open plan name it; deleting it would drop HR's
 *   decision from the plan unseen (issue #18 point 5). A published or archived plan's pins are spent.
 * - `service_records`: the ledger (R11 rural years, R08 leader tenure, R16 shadowing) keeps every record.
 * - `teachers` (of a school), `schools` (of a district): master data still placed there.
 */
export type Holder =
  | { holder: 'published_proposal'; proposalId: string; planId: string; year: number; version: number; lines: number }
  | { holder: 'draft_proposal'; proposalId: string; planId: string; year: number; version: number; status: string; lines: number }
  | { holder: 'plan_pins'; planId: string; planName: string; year: number; pins: number; exclusions: number }
  | { holder: 'service_records'; count: number }
  | { holder: 'teachers' | 'schools'; count: number; sample: { id: string; externalId: string; name: string }[] };

/** How many of a school's teachers or a district's schools the 409 names; `count` says how many there are. */
const SAMPLE = 10;

/** Published proposals and live drafts whose lines name the teacher or school (from or to). */
async function proposalHolders(db: Q, by: { teacherId: string } | { schoolId: string }): Promise<Holder[]> {
  const rows = await db
    .selectFrom('proposal_lines as l')
    .innerJoin('proposals as p', 'p.id', 'l.proposal_id')
    .innerJoin('plans as pl', 'pl.id', 'p.plan_id')
    .select((eb) => ['p.id', 'p.plan_id', 'p.version', 'p.status', 'pl.year', eb.fn.countAll<number>().as('lines')])
    // only finished proposals have lines; a plan is published together with its one published proposal
    .where((eb) =>
      'teacherId' in by ? eb('l.teacher_id', '=', by.teacherId) : eb.or([eb('l.from_school_id', '=', by.schoolId), eb('l.to_school_id', '=', by.schoolId)]),
    )
    .where((eb) => eb.or([eb('p.status', '=', 'published'), eb('pl.status', 'not in', ['published', 'archived'])]))
    .groupBy(['p.id', 'pl.id'])
    .orderBy('pl.year')
    .orderBy('p.version')
    .execute();
  return rows.map((r) =>
    r.status === 'published'
      ? { holder: 'published_proposal', proposalId: r.id, planId: r.plan_id, year: r.year, version: r.version, lines: Number(r.lines) }
      : { holder: 'draft_proposal', proposalId: r.id, planId: r.plan_id, year: r.year, version: r.version, status: r.status, lines: Number(r.lines) },
  );
}

/** Pins and exclusions, per plan, that name the teacher (or the school as the pin's or exclusion's destination); open plans, or the others. */
export async function pinsNaming(db: Q, by: { teacherId: string } | { schoolId: string }, open: boolean) {
  const [column, id] = 'teacherId' in by ? (['x.teacher_id', by.teacherId] as const) : (['x.to_school_id', by.schoolId] as const);
  const rows = await db
    .selectFrom('plans as pl')
    .select((eb) => [
      'pl.id',
      'pl.name',
      'pl.year',
      eb.selectFrom('plan_pins as x').select(eb.fn.countAll<number>().as('n')).whereRef('x.plan_id', '=', 'pl.id').where(column, '=', id).as('pins'),
      eb
        .selectFrom('plan_exclusions as x')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('x.plan_id', '=', 'pl.id')
        .where(column, '=', id)
        .as('exclusions'),
    ])
    .where('pl.status', open ? '=' : '<>', 'open')
    .orderBy('pl.year')
    .orderBy('pl.name')
    .execute();
  return rows
    .map((r) => ({ planId: r.id, planName: r.name, year: r.year, pins: Number(r.pins), exclusions: Number(r.exclusions) }))
    .filter((r) => r.pins + r.exclusions > 0);
}

async function pinHolders(db: Q, by: { teacherId: string } | { schoolId: string }): Promise<Holder[]> {
  return (await pinsNaming(db, by, true)).map((p) => ({ holder: 'plan_pins' as const, ...p }));
}

async function recordHolder(db: Q, column: 'teacher_id' | 'school_id', id: string): Promise<Holder[]> {
  const r = await db
    .selectFrom('service_records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(column, '=', id)
    .executeTakeFirstOrThrow();
  return Number(r.n) > 0 ? [{ holder: 'service_records', count: Number(r.n) }] : [];
}

export async function teacherHolders(db: Q, teacherId: string): Promise<Holder[]> {
  return [...(await proposalHolders(db, { teacherId })), ...(await pinHolders(db, { teacherId })), ...(await recordHolder(db, 'teacher_id', teacherId))];
}

export async function schoolHolders(db: Q, schoolId: string): Promise<Holder[]> {
  const teachers = await db.selectFrom('teachers').select(['id', 'external_id', 'name']).where('school_id', '=', schoolId).orderBy('external_id').execute();
  return [
    ...(await proposalHolders(db, { schoolId })),
    ...(await pinHolders(db, { schoolId })),
    ...(await recordHolder(db, 'school_id', schoolId)),
    ...(teachers.length
      ? [
          {
            holder: 'teachers' as const,
            count: teachers.length,
            sample: teachers.slice(0, SAMPLE).map((t) => ({ id: t.id, externalId: t.external_id, name: t.name })),
          },
        ]
      : []),
  ];
}

export async function districtHolders(db: Q, districtId: string): Promise<Holder[]> {
  const schools = await db.selectFrom('schools').select(['id', 'external_id', 'name']).where('district_id', '=', districtId).orderBy('external_id').execute();
  return schools.length
    ? [{ holder: 'schools', count: schools.length, sample: schools.slice(0, SAMPLE).map((s) => ({ id: s.id, externalId: s.external_id, name: s.name })) }]
    : [];
}

/**
 * The teacher page of HR's review (issue #12 point 7): who the teacher is, where they are today,
 * their ledger, their clocks as of the plan year, their line in every version of the plan, and why
 * this proposal moves them (the line's reasons) or does not (why not, in the rules' own words).
 *
 * The clocks and every why-not are computed from the proposal's stored snapshot and compliance
 * report, not from today's roster, so the page reads the same however the roster changed since.
 */
import { CLOCK_LABEL_ZH, clocksOf, type Clocks } from '../../solver/clocks.js';
import { Context } from '../../solver/context.js';
import { academicYearStart } from '../../solver/domain.js';
import { whyNotMoved, type WhyNotFacts } from '../../solver/explain.js';
import { resolveParameters } from '../../solver/parameters.js';
import type { Compliance, LineKind, SolverTeacher } from '../../solver/types.js';
import type { Db } from '../db/database.js';
import { listExceptionReasons } from '../db/exception-reasons.js';
import { getPlanRow } from '../db/plans.js';
import { listLines, previousLines } from '../db/proposal-lines.js';
import { getProposalRow, getProposalSnapshot, listProposals } from '../db/proposals.js';
import { allSchools, schoolNames } from '../db/schools.js';
import { ledgersOf } from '../db/service-records.js';
import { getTeacher } from '../db/teachers.js';
import type { Line } from '../domain.js';
import { NotFound } from '../errors.js';
import type { TeacherPage } from '../schemas/teacher-page.js';
import { placementOf } from './master-data.js';
import { decompressInput } from './snapshot.js';

/** Colleagues shown beside a moved teacher (issue #12: "a colleague at the same school who was not"). */
const COLLEAGUES = 3;
/** A plan's versions listed at most (a plan has a handful). */
const MAX_VERSIONS = 1000;
const NOT_IN_SNAPSHOT = '不在本方案求解时的教师名单中（方案按求解开始时的名单计算）';

/** The teacher's line of a version: the move (rotation, leader rotation, shadowing) before a 走教 line. */
const mainLine = (lines: Line[]): Line | null => lines.find((l) => l.kind !== 'itinerant') ?? lines[0] ?? null;

function clocksShown(c: Clocks, year: number, basis: 'snapshot' | 'roster'): TeacherPage['clocks'] {
  const entries = (Object.keys(CLOCK_LABEL_ZH) as (keyof Clocks)[]).map((k) => [k, { value: c[k], labelZh: CLOCK_LABEL_ZH[k] }]);
  return { asOf: academicYearStart(year), basis, ...Object.fromEntries(entries) } as TeacherPage['clocks'];
}

/**
 * GET /proposals/:id/teachers/:teacherId: 404 for an unknown proposal or teacher (a principal's scope
 * is src/access.ts's). `viewerSchoolId`: a principal's school; the colleagues (their names and why
 * not, an exemption's reason among them) are shown to HR and to the principal of their own school only.
 */
export async function teacherPage(db: Db, proposalId: string, teacherId: string, today: string, viewerSchoolId: string | null): Promise<TeacherPage> {
  return db.transaction().execute(async (trx) => {
    const proposal = await getProposalRow(trx, proposalId);
    if (!proposal) throw new NotFound('Proposal', proposalId);
    const teacher = await getTeacher(trx, teacherId);
    if (!teacher) throw new NotFound('Teacher', teacherId);
    const plan = (await getPlanRow(trx, proposal.plan_id))!;
    const ledger = (await ledgersOf(trx, [teacherId])).get(teacherId) ?? [];
    const { postSince: _, ...placement } = placementOf(teacher, ledger, today);
    const names = await schoolNames(trx, [teacher.schoolId, ...ledger.map((r) => r.schoolId)]);

    const versions = [];
    for (const v of (await listProposals(trx, plan.id, 0, MAX_VERSIONS)).reverse()) {
      versions.push({ proposalId: v.id, version: v.version, status: v.status, line: mainLine(await listLines(trx, v.id, { teacherId, limit: 10 })) });
    }
    const line = versions.find((v) => v.proposalId === proposalId)?.line ?? null;

    // the solve's own view: the snapshot it started from, and the report it stored
    const stored = await getProposalSnapshot(trx, proposalId);
    const input = stored ? await decompressInput(stored.inputGzip) : undefined;
    const inSnapshot = input?.teachers.some((t) => t.id === teacherId) ?? false;
    let ctx: Context | undefined;
    let clocks: TeacherPage['clocks'];
    if (input && inSnapshot) {
      ctx = new Context(input, resolveParameters(input.parameters));
      clocks = clocksShown(ctx.clocks.get(teacherId)!, input.year, 'snapshot');
    } else {
      // no snapshot yet (queued), or a teacher added since: today's data under the parameters frozen on the proposal (issue #20)
      const schoolById = new Map((await allSchools(trx)).map((s) => [s.id, s]));
      const asSolver = { ...teacher, serviceRecords: ledger } as SolverTeacher;
      clocks = clocksShown(clocksOf(asSolver, schoolById, plan.year, resolveParameters(proposal.parameters)), plan.year, 'roster');
    }

    const compliance = proposal.compliance as (Partial<Compliance> & Pick<Compliance, 'schools' | 'county' | 'violations'>) | null;
    const moved = new Map<string, LineKind>();
    for (const l of await previousLines(trx, proposalId)) if (!moved.has(l.teacherId) || l.kind !== 'itinerant') moved.set(l.teacherId, l.kind);
    const facts: WhyNotFacts | undefined = compliance ? { compliance: { ...compliance, exceptions: compliance.exceptions ?? [] }, moved } : undefined;

    let whyNot: string[] | null = null;
    let colleagues: TeacherPage['colleagues'] = [];
    if (!line && facts) {
      whyNot = ctx ? whyNotMoved(ctx, teacherId, facts) : [NOT_IN_SNAPSHOT];
      // HR's reason for an exception on record (Q12), where given
      for (const g of await listExceptionReasons(trx, proposalId)) if (g.teacherId === teacherId) whyNot.push(`${g.rule} 例外说明（人事股）：${g.text}`);
    }
    const home = ctx?.teacherById.get(teacherId)?.schoolId;
    if (line && facts && ctx && (viewerSchoolId === null || viewerSchoolId === home)) colleagues = colleaguesOf(ctx, teacherId, facts);

    return {
      teacher: {
        id: teacher.id,
        name: teacher.name,
        externalId: teacher.externalId,
        subjects: teacher.subjects,
        title: teacher.title,
        backbone: teacher.backbone,
        post: teacher.post,
        schoolId: teacher.schoolId,
        schoolName: names.get(teacher.schoolId) ?? '',
      },
      placement,
      serviceRecords: ledger.map(({ proposalLineId: _l, ...r }) => ({ ...r, schoolName: names.get(r.schoolId) ?? '' })),
      clocks,
      versions,
      chosen: line ? { reasons: line.reasons, explanation: line.explanation } : null,
      whyNot,
      colleagues,
    };
  });
}

/**
 * Up to COLLEAGUES teachers of the moved teacher's home school (in the snapshot) with no line in the
 * proposal: the same subject first, then those R01 counted (eligible), then the longest at the school.
 */
function colleaguesOf(ctx: Context, teacherId: string, facts: WhyNotFacts): TeacherPage['colleagues'] {
  const t = ctx.teacherById.get(teacherId)!;
  const subject = t.subjects[0];
  const years = (id: string) => ctx.clocks.get(id)!.yearsAtSchool;
  return (ctx.homePostsAt.get(t.schoolId) ?? [])
    .filter((m) => m.id !== teacherId && !facts.moved.has(m.id) && (m.status === 'active' || m.status === 'on_leave'))
    .sort(
      (a, b) =>
        Number(b.subjects[0] === subject) - Number(a.subjects[0] === subject) ||
        Number(ctx.clocks.get(b.id)!.eligible) - Number(ctx.clocks.get(a.id)!.eligible) ||
        years(b.id) - years(a.id) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .slice(0, COLLEAGUES)
    .map((m) => ({ teacherId: m.id, name: m.name, subject: m.subjects[0] ?? null, whyNot: whyNotMoved(ctx, m.id, facts) }));
}

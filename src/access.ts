/**
 * Who may call what: the one access-policy table of the API (api.md "Access"). Deny by default:
 * every route under /api/v1 must have an entry here, or the service refuses to start
 * (src/plugins/auth.ts, installed on the /api/v1 plugin src/routes/api.ts, checks each route as it is registered).
 *
 * Roles: `hr` everything; `integration` (the personnel system) import, master data, reads and
 * exports; `principal` bound to one school, reads that school, its teachers and the proposal lines
 * that touch it, and reviews those lines. A principal's own-school scope is declared here, per
 * route, and enforced by the API plugin's hooks, so no route writes its own school check.
 */
import type { Role } from './schemas/enums.js';

/**
 * Who is calling: a token's role, or a signed-in account's (a person's session acts with its
 * account's role and school exactly as a token of that role does), and for a principal the one
 * school it may see.
 */
export interface Caller {
  /** the bearer token, for a system or script */
  tokenId: string | null;
  /** the signed-in account and its session, for a person */
  accountId: string | null;
  sessionId: string | null;
  role: Role;
  /** set for a principal: the one school the token may see */
  schoolId: string | null;
  label: string;
}

/**
 * How a principal's request is bound to their school (other roles are not scoped):
 * - `none`: nothing school-bound (plan metadata, the subject catalogue, who am I).
 * - `schoolParam`: the path's `:id` is a school; it must be the principal's.
 * - `schoolQuery`: a list filtered by `?schoolId=`; absent, it is set to the principal's school;
 *   another school is 403 (api.md: "nothing else, 403 otherwise").
 * - `schoolQueryRequired`: as `schoolQuery`, but `?schoolId=` must be given and be the principal's
 *   school: absent is 403, so a principal never gets the whole county's document by leaving it out.
 * - `teacherParam`: the path's `:id` is a teacher whose home or working school today (placement by
 *   the ledger, solver/placement.ts) is the principal's school.
 * - `lineParam`: the path's `:lineId` is a proposal line that must touch the principal's school.
 * - `ownChanges`: the change feed answers only the changes that name the principal's school (its handler filters).
 * - `proposalTeacherParam`: the path's `:teacherId` is a teacher of the principal's school today (as
 *   `teacherParam`), or one with a line in the proposal `:id` that touches it (coming or going).
 */
export type PrincipalScope =
  | 'none'
  | 'schoolParam'
  | 'schoolQuery'
  | 'schoolQueryRequired'
  | 'teacherParam'
  | 'lineParam'
  | 'proposalTeacherParam'
  | 'ownChanges';

export interface AccessRule {
  roles: readonly Role[];
  /** no credentials at all: signing in and activating an account (their own failure limits, src/routes/session) */
  public?: true;
  /** required when `roles` includes principal */
  principal?: PrincipalScope;
}

const HR: AccessRule = { roles: ['hr'] };
const PUBLIC: AccessRule = { roles: [], public: true };
const HR_INTEGRATION: AccessRule = { roles: ['hr', 'integration'] };
const ALL = (principal: PrincipalScope): AccessRule => ({ roles: ['hr', 'integration', 'principal'], principal });

/** Keyed by `METHOD /path` exactly as the route is registered (prefix included). */
export const ACCESS: Readonly<Record<string, AccessRule>> = {
  'GET /api/v1/me': ALL('none'),
  'GET /api/v1/subjects': ALL('none'),
  'GET /api/v1/vocabulary': ALL('none'),
  // access tokens: HR's alone
  'GET /api/v1/tokens': HR,
  'POST /api/v1/tokens': HR,
  'DELETE /api/v1/tokens/:id': HR,
  'GET /api/v1/audit': HR,
  // people's sign-in (api.md "People sign in"): anyone may try, within the failure limits; a session acts as its account's role
  'POST /api/v1/session': PUBLIC,
  'DELETE /api/v1/session': ALL('none'),
  'POST /api/v1/accounts/activate': PUBLIC,
  // people's accounts: HR's alone
  'GET /api/v1/accounts': HR,
  'POST /api/v1/accounts': HR,
  'POST /api/v1/accounts/bulk': HR,
  'POST /api/v1/accounts/activation-codes.xlsx': HR,
  'POST /api/v1/accounts/:id/reset': HR,
  'PATCH /api/v1/accounts/:id': HR,
  // master data: the personnel system writes it; a principal reads their own school and its teachers
  'GET /api/v1/districts': HR_INTEGRATION,
  'POST /api/v1/districts': HR_INTEGRATION,
  'GET /api/v1/districts/:id': HR_INTEGRATION,
  'PATCH /api/v1/districts/:id': HR_INTEGRATION,
  'DELETE /api/v1/districts/:id': HR_INTEGRATION,
  'GET /api/v1/schools': ALL('schoolQuery'),
  'POST /api/v1/schools': HR_INTEGRATION,
  'GET /api/v1/schools/:id': ALL('schoolParam'),
  'PATCH /api/v1/schools/:id': HR_INTEGRATION,
  'DELETE /api/v1/schools/:id': HR_INTEGRATION,
  'GET /api/v1/teachers': ALL('schoolQuery'),
  'POST /api/v1/teachers': HR_INTEGRATION,
  'GET /api/v1/teachers/:id': ALL('teacherParam'),
  'PATCH /api/v1/teachers/:id': HR_INTEGRATION,
  'DELETE /api/v1/teachers/:id': HR_INTEGRATION,
  'GET /api/v1/teachers/:id/service-records': ALL('teacherParam'),
  'POST /api/v1/teachers/:id/service-records': HR_INTEGRATION,
  'PUT /api/v1/import': HR_INTEGRATION,
  'GET /api/v1/export/teachers.csv': HR_INTEGRATION,
  // planning: HR plans and decides; a principal finds the current proposal and reviews its school's lines
  'GET /api/v1/plans': ALL('none'),
  'POST /api/v1/plans': HR,
  'GET /api/v1/plans/:id': ALL('none'),
  'PATCH /api/v1/plans/:id': HR,
  'GET /api/v1/plans/:id/pins': HR,
  'PUT /api/v1/plans/:id/pins': HR,
  'GET /api/v1/plans/:id/proposals': ALL('none'),
  'POST /api/v1/plans/:id/proposals': HR,
  'GET /api/v1/proposals/:id': ALL('none'),
  'GET /api/v1/proposals/:id/lines': ALL('schoolQuery'),
  // the teacher page (#12): HR's; a principal's for their own teachers and those a line brings or takes
  'GET /api/v1/proposals/:id/teachers/:teacherId': { roles: ['hr', 'principal'], principal: 'proposalTeacherParam' },
  'GET /api/v1/proposals/:id/compliance': HR_INTEGRATION,
  'GET /api/v1/proposals/:id/quota': ALL('schoolQueryRequired'),
  // the whole roster as the solve saw it: HR's alone
  'GET /api/v1/proposals/:id/snapshot': HR,
  'GET /api/v1/proposals/:id/exceptions': HR_INTEGRATION,
  'PUT /api/v1/proposals/:id/exceptions/:teacherId': HR,
  'GET /api/v1/proposals/:id/reviews': HR,
  'POST /api/v1/proposals/:id/lines/:lineId/review': { roles: ['principal'], principal: 'lineParam' },
  'GET /api/v1/proposals/:id/diff': HR_INTEGRATION,
  // the 公示 (issue #12): HR announces, records teachers' objections, answers every objection and publishes;
  // a principal objects through the review and reads the objections on their school's lines
  'POST /api/v1/proposals/:id/announce': HR,
  'POST /api/v1/proposals/:id/withdraw': HR,
  'GET /api/v1/proposals/:id/objections': { roles: ['hr', 'principal'], principal: 'schoolQuery' },
  'POST /api/v1/proposals/:id/lines/:lineId/objections': HR,
  'POST /api/v1/proposals/:id/objections/:objectionId/answer': HR,
  'POST /api/v1/proposals/:id/publish': HR,
  // the full internal list (staff numbers, titles, reasons): HR and the personnel system only
  'GET /api/v1/proposals/:id/export.xlsx': HR_INTEGRATION,
  'GET /api/v1/proposals/:id/export.csv': HR_INTEGRATION,
  // the public notice or decision: a principal downloads and prints their own school's
  'GET /api/v1/proposals/:id/notice.xlsx': ALL('schoolQueryRequired'),
  'GET /api/v1/proposals/:id/notice.html': ALL('schoolQueryRequired'),
  'POST /api/v1/proposals/:id/cancel': HR,
  // the change feed (issue #23): the personnel system follows everything; a principal the changes touching their school
  'GET /api/v1/changes': ALL('ownChanges'),
};

/** The rule of a registered route; HEAD answers as its GET does. */
export function accessRuleOf(method: string, url: string): AccessRule | undefined {
  return ACCESS[`${method === 'HEAD' ? 'GET' : method} ${url}`];
}

const SCOPE_TEXT: Record<PrincipalScope, string> = {
  none: 'yes',
  schoolParam: 'own school only',
  schoolQuery: 'own school only (`schoolId` set to it; another is 403)',
  schoolQueryRequired: 'own school only (`schoolId` required; absent or another is 403)',
  teacherParam: "own school's teachers only (home or working school today)",
  lineParam: 'lines touching own school only',
  proposalTeacherParam: "own school's teachers today, or a teacher whose line in this proposal touches own school",
  ownChanges: 'changes touching own school only',
};

/** The access table as Markdown, for SECURITY.md's "The access table" (a test keeps that copy current). */
export function accessTableMarkdown(): string {
  const rows = Object.entries(ACCESS).map(([key, rule]) => {
    const [method, path] = key.split(' ');
    const principal = rule.public ? 'anyone' : rule.roles.includes('principal') ? SCOPE_TEXT[rule.principal!] : '—';
    const has = (r: Role) => (rule.public ? 'anyone' : rule.roles.includes(r) ? 'yes' : '—');
    return `| \`${method}\` | \`${path.replace('/api/v1', '')}\` | ${has('hr')} | ${has('integration')} | ${principal} |`;
  });
  return ['| method | path (under `/api/v1`) | hr | integration | principal |', '|---|---|---|---|---|', ...rows].join('\n');
}

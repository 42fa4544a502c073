// npm run demo — the service on the embedded database (or DATABASE_URL) with a generated demo county:
// migrates, loads the county when the database is empty, starts listening, requests a proposal for
// the plan year, and prints where to look and the people to sign in as (an HR officer and a
// principal, each with a user name and a fresh password); tokens only for curl.
import { randomBytes } from 'node:crypto';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { insertToken, newSecret } from '../src/db/tokens.js';
import { generateCounty } from '../src/demo/generate-county.js';
import { demoAccount } from '../src/services/accounts.js';
import { importRoster } from '../src/services/import.js';
import { createPlan, requestProposal } from '../src/services/plans.js';

const DEMO_YEAR = Number(process.env.DEMO_YEAR ?? 2027);
const DEMO_TEACHERS = Number(process.env.DEMO_TEACHERS ?? 12000);
// the demo prints its own summary; the service's request log would bury it
const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
const app = await buildApp(config);
const db = app.db;
// labels are what people read on the page (who answered an objection): Chinese, never a timestamp (issue #19)
const actor = { tokenId: null, label: '演示数据' };
const t0 = Date.now();

const teachers = await db
  .selectFrom('teachers')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();
if (Number(teachers.n) === 0) {
  process.stdout.write(`Empty database: generating and importing a ${DEMO_TEACHERS.toLocaleString('en')}-teacher demo county (惠来县-like, seed 1)…\n`);
  const result = await importRoster(db, generateCounty({ seed: 1, teachers: DEMO_TEACHERS, year: DEMO_YEAR }), actor);
  process.stdout.write(`  imported ${JSON.stringify(result.created)} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

// fresh tokens for curl and scripts: an hr one and the principal of the first urban school that sends teachers
const hrSecret = newSecret();
await insertToken(db, { secret: hrSecret, role: 'hr', schoolId: null, label: '人事股（演示）' });
const school = await db
  .selectFrom('schools')
  .select(['id', 'name'])
  .where('locality', '=', 'urban')
  .where('stage', 'in', ['primary', 'junior', 'nine_year'])
  .orderBy('approved_headcount', 'desc')
  .limit(1)
  .executeTakeFirst();
const principalSecret = newSecret();
if (school) await insertToken(db, { secret: principalSecret, role: 'principal', schoolId: school.id, label: `${school.name}校长（演示）` });

// the people who sign in to the page: HR's officer and that school's principal, each with a fresh
// password (a person never needs a token; HR makes the other principals' accounts on the page, 账号)
const password = () => randomBytes(9).toString('base64url');
const hrPassword = password();
const hrAccount = await demoAccount(db, { username: 'renshi', displayName: '人事股管理员', role: 'hr', schoolId: null }, hrPassword, new Date());
const principalPassword = password();
const principalSchool = school ? await db.selectFrom('schools').select(['code']).where('id', '=', school.id).executeTakeFirstOrThrow() : undefined;
const principalAccount =
  school && principalSchool
    ? await demoAccount(
        db,
        { username: principalSchool.code, displayName: `${school.name}校长`, role: 'principal', schoolId: school.id },
        principalPassword,
        new Date(),
      )
    : undefined;

const address = await app.listen({ port: config.port, host: config.host });

// one plan for the demo year, and a proposal for it
let plan: { id: string } | undefined = await db
  .selectFrom('plans')
  .selectAll()
  .where('year', '=', DEMO_YEAR)
  .where('name', '=', 'demo')
  .where('status', '<>', 'archived')
  .executeTakeFirst();
plan ??= await createPlan(db, { year: DEMO_YEAR, name: 'demo', parameters: {} }, actor);
const proposal = await requestProposal(db, plan.id, { engine: 'highs' }, actor);
app.solveRunner.enqueue(proposal.id);
process.stdout.write(`Requested proposal v${proposal.version} for the ${DEMO_YEAR} plan; solving…\n`);
await app.solveRunner.idle();
const done = await db.selectFrom('proposals').selectAll().where('id', '=', proposal.id).executeTakeFirstOrThrow();

const s = done.summary as null | {
  lines: Record<string, number>;
  sendingSchools: number;
  sendingSchoolsMeetingQuota: number;
  violations: number;
  optimal: boolean;
  county: { eligible: number; required: number; proposed: number; backbone: number; share: number; backboneShare: number; pass: boolean };
};
const stats = done.stats as null | { solveMs: number; buildMs: number; gap: number; engine: string };
const lines = [
  '',
  `轮岗 rotation service — ${address}`,
  `  web page (网页):       ${address}/   (sign in as one of these people: 用户名 / 密码)`,
  `  HR officer (人事股):    ${hrAccount.username} / ${hrPassword}   (${hrAccount.displayName})`,
  principalAccount ? `  principal (校长):      ${principalAccount.username} / ${principalPassword}   (${principalAccount.displayName})` : '',
  `  API docs (OpenAPI):   ${address}/docs`,
  `  tokens for curl:      hr ${hrSecret}`,
  school ? `                        principal ${principalSecret}` : '',
  '',
  `Proposal v${done.version} (${done.status}) for ${DEMO_YEAR}:`,
];
if (s && stats) {
  lines.push(
    `  lines: rotation ${s.lines.rotation}, leader rotation ${s.lines.leader_rotation}, shadowing 跟岗 ${s.lines.shadowing}, itinerant 走教 ${s.lines.itinerant}`,
    `  sending schools meeting the 10% quota and 20% backbone share: ${s.sendingSchoolsMeetingQuota} of ${s.sendingSchools}`,
    `  county (R03): ${s.county.proposed} rotated of ${s.county.eligible} eligible (${(s.county.share * 100).toFixed(1)}%), backbone ${(s.county.backboneShare * 100).toFixed(1)}%`,
    `  rules not met: ${s.violations}   solve: ${stats.engine} ${(stats.buildMs / 1000).toFixed(1)} s build + ${(stats.solveMs / 1000).toFixed(1)} s solve, gap ${(stats.gap * 100).toFixed(4)}%${s.optimal ? ' (optimal)' : ''}`,
  );
} else lines.push(`  ${done.error ?? 'no summary'}`);
lines.push(
  '',
  'Read it:',
  `  curl -H "Authorization: Bearer ${hrSecret}" ${address}/api/v1/proposals/${done.id}`,
  `  curl -H "Authorization: Bearer ${hrSecret}" ${address}/api/v1/proposals/${done.id}/compliance`,
  `  curl -H "Authorization: Bearer ${principalSecret}" "${address}/api/v1/proposals/${done.id}/lines?direction=outgoing"`,
  '',
  'Ctrl-C stops the service.',
);
process.stdout.write(lines.filter((l) => l !== null).join('\n') + '\n');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}

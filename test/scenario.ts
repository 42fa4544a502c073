import { expect, onTestFinished } from 'vitest';
import type { ImportSchool, ImportTeacher } from '../src/schemas/master-data.js';
import { aDistrict, anImportSchool, anImportTeacher } from './builders.js';
import { auth, buildFreshTestApp, type TestApp } from './helpers.js';

/**
 * Scenarios for route tests: each test builds the state it needs by named numbers and gets the
 * ids back by name, so no test depends on another having run, and what it asserts is computed from
 * the numbers it asked for.
 */

/** The app of one test alone, closed when the test ends: a plan covers the whole county, so a test that solves needs a county of its own. */
export async function ownApp(): Promise<TestApp> {
  const t = await buildFreshTestApp();
  onTestFinished(() => t.close());
  return t;
}

/** app.inject through HR (or the given token), payload optional */
export const caller = (t: TestApp) => (method: string, url: string, payload?: unknown, token?: string) =>
  t.app.inject({ method: method as 'GET', url, headers: auth(token), ...(payload !== undefined ? { payload: payload as object } : {}) });

export interface ReceivingSpec {
  locality: 'township' | 'rural';
  isCentral?: boolean;
  /** math posts the school needs */
  needs: number;
  /** math teachers already on its staff (not due to rotate) */
  staff: number;
}

export interface CountySpec {
  /** the one urban school that sends: `eligible` teachers due to rotate (R01), `backbone` of them 骨干 */
  sending: { eligible: number; backbone: number };
  receiving: ReceivingSpec[];
  /** more schools and teachers, given the county's externalIds (e.g. a principal of the first receiving school) */
  extra?: (ext: { district: { sending: string; receiving: string }; sending: string; receiving: string[] }) => {
    schools?: ImportSchool[];
    teachers?: ImportTeacher[];
  };
}

/** The shape of the tiny county (planning-fixture.ts TINY) as a spec. */
export const TINY_SPEC: CountySpec = {
  sending: { eligible: 12, backbone: 3 },
  receiving: [
    { locality: 'township', isCentral: true, needs: 4, staff: 1 },
    { locality: 'rural', needs: 2, staff: 1 },
  ],
};

/** R01: the share of a school's eligible teachers it sends each year, rounded up (model.md default 10%) */
export const requiredRotations = (eligible: number, quota = 0.1) => Math.ceil(quota * eligible);

/** A teacher's dates that make them due to rotate in 2027: 15 years at one school, 19 in service, aged 42. */
export const DUE = { birthDate: '1985-03-01', hireDate: '2008-09-01', postSince: '2008-09-01', schoolSince: '2012-09-01' } as const;

export interface County {
  /** the urban school's id */
  sending: string;
  /** the receiving schools' ids, in the order of spec.receiving */
  receiving: string[];
  /** the eligible teachers of the sending school, backbone first */
  eligible: string[];
  backbone: string[];
  /** every school's and teacher's id by externalId (extras included) */
  ids: Record<string, string>;
  /** externalIds of the named schools */
  ext: { sending: string; receiving: string[] };
}

/**
 * Imports a county of spec's shape with fresh externalIds (PUT /import must answer 200) and
 * returns its ids by name. Everyone teaches primary math 14 h a week; the sending school needs
 * `eligible - required` posts, so sending R01's quota leaves no gap.
 */
export async function county(t: TestApp, spec: CountySpec = TINY_SPEC): Promise<County> {
  const call = caller(t);
  const dSend = aDistrict();
  const dRecv = aDistrict();
  const { eligible, backbone } = spec.sending;
  const sendingNeeds = eligible - requiredRotations(eligible);
  const school = (district: string, needs: number, over: Partial<ImportSchool>) =>
    anImportSchool(district, { ...over, approvedHeadcount: needs + 2, needs: [{ subject: 'math', teachers: needs, weeklyHours: 14 * needs }] });
  const sending = school(dSend.externalId, sendingNeeds, { locality: 'urban', isHighQuality: true, location: { lat: 23.03, lon: 116.29 } });
  const receiving = spec.receiving.map((r, i) =>
    school(dRecv.externalId, r.needs, { locality: r.locality, isCentral: r.isCentral ?? false, location: { lat: 22.98 - 0.03 * i, lon: 116.45 + 0.03 * i } }),
  );
  const eligibleTeachers = Array.from({ length: eligible }, (_, i) =>
    anImportTeacher(sending.externalId, { ...DUE, gender: i % 2 ? 'F' : 'M', ...(i < backbone ? { backbone: 'county' as const } : {}) }),
  );
  const staff = spec.receiving.flatMap((r, i) =>
    Array.from({ length: r.staff }, () => anImportTeacher(receiving[i].externalId, { ...DUE, schoolSince: '2015-09-01' })),
  );
  const ext = { sending: sending.externalId, receiving: receiving.map((s) => s.externalId) };
  const more = spec.extra?.({ district: { sending: dSend.externalId, receiving: dRecv.externalId }, ...ext }) ?? {};
  const body = {
    districts: [dSend, dRecv],
    schools: [sending, ...receiving, ...(more.schools ?? [])],
    teachers: [...eligibleTeachers, ...staff, ...(more.teachers ?? [])],
  };
  const imp = await call('PUT', '/api/v1/import', body);
  expect(imp.statusCode, imp.body).toBe(200);

  const ids: Record<string, string> = {};
  for (const s of (await call('GET', '/api/v1/schools?limit=1000')).json().items) ids[s.externalId] = s.id;
  for (const x of (await call('GET', '/api/v1/teachers?limit=1000')).json().items) ids[x.externalId] = x.id;
  return {
    sending: ids[sending.externalId],
    receiving: receiving.map((s) => ids[s.externalId]),
    eligible: eligibleTeachers.map((x) => ids[x.externalId]),
    backbone: eligibleTeachers.slice(0, backbone).map((x) => ids[x.externalId]),
    ids,
    ext,
  };
}

let plans = 0;
/** A plan of its own (a fresh name, so no 409 from another test's plan of the year); answers its id. */
export async function plan(t: TestApp, year = 2027, over: { name?: string; parameters?: Record<string, unknown> } = {}): Promise<string> {
  const res = await caller(t)('POST', '/api/v1/plans', {
    year,
    name: over.name ?? `plan-${++plans}-${Math.random().toString(36).slice(2, 7)}`,
    ...(over.parameters ? { parameters: over.parameters } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** Requests a proposal (202), waits for the solve and answers the proposal, which must be done. */
export async function proposed(t: TestApp, planId: string, body: Record<string, unknown> = {}) {
  const call = caller(t);
  const req = await call('POST', `/api/v1/plans/${planId}/proposals`, body);
  expect(req.statusCode, req.body).toBe(202);
  await t.app.solveRunner.idle();
  const p = (await call('GET', `/api/v1/proposals/${req.json().id}`)).json();
  expect(p.status, p.error).toBe('done');
  return p;
}

export type Line = {
  id: string;
  teacherId: string;
  kind: string;
  fromSchoolId: string;
  toSchoolId: string;
  reasons: string[];
  pinned: boolean;
  teacher: { externalId: string; name: string };
  fromSchoolName: string;
  toSchoolName: string;
  explanation: string;
};
/** Every line of a proposal, as HR or as the given token sees them. */
export async function linesOf(t: TestApp, proposalId: string, token?: string): Promise<Line[]> {
  const res = await caller(t)('GET', `/api/v1/proposals/${proposalId}/lines?limit=20000`, undefined, token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

/**
 * HR announces the proposal (公示) with the default period, the service's clock moves to the day after
 * its last day, HR publishes, and the clock goes back where it was. Answers the publish's response (or
 * the announce's, when that is refused). Issue #12: only an announced proposal is published, after its period.
 */
export async function announceAndPublish(t: TestApp, proposalId: string, token?: string) {
  const call = caller(t);
  const announced = await call('POST', `/api/v1/proposals/${proposalId}/announce`, {}, token);
  if (announced.statusCode !== 200) return announced;
  const saved = t.clock.offsetMs;
  const until: string = announced.json().notice.until;
  // noon China time on the day after the period's last day
  const next = new Date(`${until}T12:00:00+08:00`).getTime() + 24 * 3600 * 1000;
  t.clock.offsetMs += next - t.clock.now().getTime();
  try {
    return await call('POST', `/api/v1/proposals/${proposalId}/publish`, undefined, token);
  } finally {
    t.clock.offsetMs = saved;
  }
}

/** A principal token for the school (made by HR); answers the secret. */
export async function principalOf(t: TestApp, schoolId: string, label = '校长'): Promise<string> {
  const res = await caller(t)('POST', '/api/v1/tokens', { role: 'principal', schoolId, label });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token;
}

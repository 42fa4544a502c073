// Issue #21, changes that name their cause: a county built so that HR's pins force a quota change
// and an 编制 change. Each line the re-solve adds or changes beyond the pins names the rule that
// forced it and the school, in the diff (cause, causeRule, causeSchoolId, causeText, causeZh).
import { describe, expect, it } from 'vitest';
import { aDistrict, anImportSchool, anImportTeacher } from '../builders.js';
import { caller, DUE, ownApp, plan, proposed } from '../scenario.js';

type ApiLine = { teacherId: string; kind: string; fromSchoolId: string; toSchoolId: string };
type Cause = { teacherId: string; cause: string; causeRule?: string | null; causeSchoolId?: string | null; causeText?: string; causeZh: string };

describe('the diff names the rule and the school that forced each change (issue #21)', () => {
  it('a pin that takes a school’s quota mover away names R01 at that school; a pin into a full school names H7 编制 there', { timeout: 400_000 }, async () => {
    const t = await ownApp();
    const call = caller(t);
    const d = aDistrict();
    const urban = (name: string, over = {}) =>
      anImportSchool(d.externalId, { name, locality: 'urban', approvedHeadcount: 40, location: { lat: 23.03, lon: 116.29 }, needs: [], ...over });
    // three rural schools, each with room in its 编制 for one more post (rotations of four years take the post along, Q16)
    const rural = [1, 2, 3].map((i) =>
      anImportSchool(d.externalId, { name: `乡村小学${i}`, approvedHeadcount: 2, location: { lat: 22.98, lon: 116.35 + 0.02 * i } }),
    );
    const town = urban('城区小学1');
    const town3 = urban('城区小学3');
    const town4 = urban('城区小学4');
    const teachers = [
      ...Array.from({ length: 10 }, () => anImportTeacher(town.externalId, { ...DUE })),
      ...Array.from({ length: 10 }, () => anImportTeacher(town3.externalId, { ...DUE })),
      // not yet eligible (three years at the school): no quota, no move of their own
      ...Array.from({ length: 5 }, () => anImportTeacher(town4.externalId, { ...DUE, schoolSince: '2024-09-01' })),
      ...rural.map((s) => anImportTeacher(s.externalId, { ...DUE, schoolSince: '2020-09-01' })),
    ];
    const imported = await call('PUT', '/api/v1/import', { districts: [d], schools: [town, town3, town4, ...rural], teachers });
    expect(imported.statusCode, imported.body).toBe(200);
    const ids: Record<string, string> = {};
    for (const s of (await call('GET', '/api/v1/schools?limit=1000')).json().items) ids[s.externalId] = s.id;
    for (const x of (await call('GET', '/api/v1/teachers?limit=1000')).json().items) ids[x.externalId] = x.id;
    const planId = await plan(t, 2027, { parameters: { rotationYears: 4, longRotationMovesPost: true, backboneShare: 0 } });
    const lines = async (id: string): Promise<ApiLine[]> => (await call('GET', `/api/v1/proposals/${id}/lines?limit=1000`)).json().items;

    const v1 = await proposed(t, planId);
    const l1 = (await lines(v1.id)).filter((l) => l.kind === 'rotation');
    const b = l1.find((l) => l.fromSchoolId === ids[town.externalId])!;
    const a = l1.find((l) => l.fromSchoolId === ids[town3.externalId])!;
    expect(b && a, JSON.stringify(l1)).toBeTruthy();
    // HR: B (城区小学1's quota move) goes to 城区小学4 instead; E of 城区小学4 takes the post A went to
    const e = ids[teachers[20].externalId];
    const pins = [
      { teacherId: b.teacherId, toSchoolId: ids[town4.externalId], kind: 'rotation' },
      { teacherId: e, toSchoolId: a.toSchoolId, kind: 'rotation' },
    ];
    expect((await call('PUT', `/api/v1/plans/${planId}/pins`, { pin: pins, exclude: [] })).statusCode).toBe(200);
    const v2 = await proposed(t, planId);
    const diff = (await call('GET', `/api/v1/proposals/${v2.id}/diff?against=${v1.id}`)).json() as {
      added: Cause[];
      removed: Cause[];
      changed: ({ after: { teacherId: string } } & Omit<Cause, 'teacherId'>)[];
    };
    const all: Cause[] = [...diff.added, ...diff.removed, ...diff.changed.map((c) => ({ ...c, teacherId: c.after.teacherId }))];
    const of = (teacherId: string) => all.find((c) => c.teacherId === teacherId)!;
    expect(of(b.teacherId).cause).toBe('pin');
    expect(of(e).cause).toBe('pin');
    // A could not stay at the school E was pinned into: its 编制 is full
    expect(of(a.teacherId)).toMatchObject({
      cause: 'quota',
      causeRule: 'H7',
      causeSchoolId: a.toSchoolId,
      causeText: `H7 编制 at ${rural.find((s) => ids[s.externalId] === a.toSchoolId)!.name} after the pin`,
    });
    expect(of(a.teacherId).causeZh).toMatch(/核定编制（H7）：乡村小学\d（指定安排之后）/);
    // 城区小学1 lost its quota move to the pin: another of its teachers goes
    const others = all.filter((c) => ![b.teacherId, e, a.teacherId].includes(c.teacherId));
    expect(others).toHaveLength(1);
    expect(others[0]).toMatchObject({
      cause: 'quota',
      causeRule: 'R01',
      causeSchoolId: ids[town.externalId],
      causeText: 'R01 quota at 城区小学1 after the pin',
    });
    expect(others[0].causeZh).toBe('交流比例（R01）：城区小学1（指定安排之后）');

    // a re-solve with nothing changed is identical
    const v3 = await proposed(t, planId);
    expect((await call('GET', `/api/v1/proposals/${v3.id}/diff?against=${v2.id}`)).json()).toMatchObject({ added: [], removed: [], changed: [] });
  });
});

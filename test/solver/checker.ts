/**
 * An independent checker of the hard rules, written apart from the model: it recomputes who is
 * eligible, exempt, due to move, from the raw input with its own date arithmetic, and checks the
 * returned lines. Every failure it finds must appear in the compliance report.
 */
import type { SolverInput, SolverResult } from '../../solver/types.js';

export interface Finding {
  rule: string;
  schoolId?: string;
  teacherId?: string;
  what: string;
}

const P = { quota: 0.1, backbone: 0.2, tenure: 6, leaderMax: 12, window: 5, retireM: 60, retireF: 55, retireWindow: 5, maxHours: 20, maxKm: 40, hostsMax: 1 };

function fullYears(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  let y = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) y--;
  return y;
}

export function checkHardRules(inp: SolverInput, res: SolverResult): Finding[] {
  const Y = inp.year;
  const sept1 = `${Y}-09-01`;
  const aug31 = `${Y}-08-31`;
  const school = new Map(inp.schools.map((s) => [s.id, s]));
  const teacher = new Map(inp.teachers.map((t) => [t.id, t]));
  const sending = (id: string) => {
    const s = school.get(id)!;
    return s.locality === 'urban' || s.isHighQuality;
  };
  const ruralClass = (id: string) => {
    const s = school.get(id)!;
    return s.locality !== 'urban' || s.isWeak;
  };
  const receiving = (id: string) => ruralClass(id) && !sending(id);
  const exempt = (id: string) => {
    const t = teacher.get(id)!;
    const age = fullYears(t.birthDate, aug31);
    const retire = t.gender === 'F' ? P.retireF : P.retireM;
    return retire - age < P.retireWindow || t.exemptions.some((e) => e.from <= sept1 && (!e.to || e.to >= sept1));
  };
  const inPost = (id: string) => {
    const t = teacher.get(id)!;
    return t.status === 'active' && t.established;
  };
  const eligible = (id: string) => inPost(id) && !exempt(id) && fullYears(teacher.get(id)!.schoolSince, sept1) >= P.tenure;
  const findings: Finding[] = [];
  const moves = res.lines.filter((l) => l.kind !== 'itinerant');

  // H1
  const count = new Map<string, number>();
  for (const l of moves) count.set(l.teacherId, (count.get(l.teacherId) ?? 0) + 1);
  for (const [id, n] of count) if (n > 1) findings.push({ rule: 'H1', teacherId: id, what: `${n} moves` });
  // H8: nobody exempt (unless volunteering), inactive or non-established moved; subjects and stages fit
  for (const l of res.lines) {
    const t = teacher.get(l.teacherId)!;
    if (!inPost(l.teacherId) || (exempt(l.teacherId) && !t.volunteer)) findings.push({ rule: 'H8', teacherId: t.id, what: 'moved while not movable' });
    if (l.subject && !t.subjects.includes(l.subject)) findings.push({ rule: 'H8', teacherId: t.id, what: `teaches ${l.subject}` });
  }
  // H2/H3 per sending compulsory school
  for (const s of inp.schools) {
    if (!sending(s.id) || !['primary', 'junior', 'nine_year'].includes(s.stage)) continue;
    const E = inp.teachers.filter((t) => t.schoolId === s.id && eligible(t.id)).length;
    const required = Math.ceil(P.quota * E - 1e-9);
    const out = moves.filter((l) => l.fromSchoolId === s.id && receiving(l.toSchoolId) && (l.kind === 'rotation' || l.kind === 'leader_rotation'));
    if (out.length < required) findings.push({ rule: 'H2', schoolId: s.id, what: `${out.length} < ${required}` });
    const bb = out.filter((l) => teacher.get(l.teacherId)!.backbone).length;
    if (bb < P.backbone * out.length - 1e-9) findings.push({ rule: 'H3', schoolId: s.id, what: `${bb} backbone of ${out.length}` });
  }
  for (const t of inp.teachers) {
    const moved = moves.find((l) => l.teacherId === t.id);
    const movable = inPost(t.id) && (!exempt(t.id) || t.volunteer);
    // H4
    if (movable && t.post !== 'teacher' && fullYears(t.postSince, sept1) >= P.leaderMax && !moved)
      findings.push({ rule: 'H4', teacherId: t.id, what: 'leader not moved' });
    // H5
    const ruralYears = t.priorRuralYears + (ruralClass(t.schoolId) ? Math.max(0, fullYears(t.schoolSince, sept1)) : 0);
    if (
      movable &&
      t.post === 'teacher' &&
      t.seniorTitleApplicationYear !== null &&
      t.seniorTitleApplicationYear <= Y + 1 &&
      ruralYears < 1 &&
      !receiving(t.schoolId)
    ) {
      if (!moved || !ruralClass(moved.toSchoolId)) findings.push({ rule: 'H5', teacherId: t.id, what: 'title applicant not sent to a rural or weak school' });
    }
    // H6
    const s = school.get(t.schoolId)!;
    const sinceHire = fullYears(t.hireDate, sept1);
    if (
      movable &&
      t.post === 'teacher' &&
      (s.isTeachingPoint || (s.locality === 'rural' && !s.isCentral)) &&
      sinceHire === P.window - 1 &&
      !t.serviceRecords.some((r) => r.kind === 'shadowing')
    ) {
      if (!moved || moved.kind !== 'shadowing') findings.push({ rule: 'H6', teacherId: t.id, what: 'not shadowing' });
    }
  }
  // H7: no school ends above max(approved, where it stands); 编制 counts established home posts, and
  // with rotations of three years or less only a leader rotation takes the post along (Q16 人走关系留)
  const postMoves = moves.filter((l) => l.kind === 'leader_rotation');
  for (const s of inp.schools) {
    const base = inp.teachers.filter((t) => t.schoolId === s.id && t.established && (t.status === 'active' || t.status === 'on_leave')).length;
    const after = base + postMoves.filter((l) => l.toSchoolId === s.id).length - postMoves.filter((l) => l.fromSchoolId === s.id).length;
    if (after > Math.max(s.approvedHeadcount, base)) findings.push({ rule: 'H7', schoolId: s.id, what: `${after} > ${s.approvedHeadcount}` });
  }
  // 走教: same district, within reach, hours within the weekly maximum, one host
  const hosts = new Map<string, number>();
  for (const l of res.lines.filter((x) => x.kind === 'itinerant')) {
    const t = teacher.get(l.teacherId)!;
    if (school.get(l.fromSchoolId)!.districtId !== school.get(l.toSchoolId)!.districtId)
      findings.push({ rule: 'R21', teacherId: t.id, what: 'itinerant outside the district' });
    if (t.weeklyHours + (l.hoursPerWeek ?? 0) > P.maxHours) findings.push({ rule: 'R22', teacherId: t.id, what: 'over the weekly maximum' });
    hosts.set(t.id, (hosts.get(t.id) ?? 0) + 1);
  }
  for (const [id, n] of hosts) if (n > P.hostsMax) findings.push({ rule: 'R22', teacherId: id, what: `${n} host schools` });
  return findings;
}

/**
 * Placement over time (model.md "Placement over time"): on any date a teacher has a home post (the
 * school and post where the 编制 sits) and a working school (where they teach). Both follow from the
 * personnel system's data plus the service ledger; the ledger wins for what a published plan wrote,
 * and a published plan changes nothing before its 1 September.
 *
 * - A leader rotation (干部交流) is a new post: from its start the teacher's home post is the host's.
 * - A rotation (交流轮岗) or shadowing (跟岗) covering the date makes the host the working school; the
 *   post stays at home (Q16 人走关系留) unless the rotation is longer than three years and the plan
 *   says long rotations take the post along (`longRotationMovesPost`).
 * - Continuous years at a school count from the last arrival or return: a record ending 31 August
 *   Y-1 brings the teacher home on 1 September Y-1, and the count at home restarts there.
 * 走教 (itinerant) never moves either.
 */
import { isLeaderPost } from './domain.js';
import type { SolverServiceRecord, SolverTeacher } from './types.js';

export interface Placement {
  /** where the 编制 sits on the date (Q16) */
  homeSchoolId: string;
  /** the post held at home (a leader rotation's post from its start) */
  homePost: SolverTeacher['post'];
  /** when the home post started (R07 terms, R08 years in post) */
  postSince: string;
  /** where the teacher works on the date: home, or the host of the record covering it */
  workingSchoolId: string;
  /** the rotation / shadowing / leader rotation record that has the teacher away from home on the date */
  awayRecord: SolverServiceRecord | null;
  /** the day the teacher last arrived at or returned to the working school: continuous years count from it */
  since: string;
  /** a rotation longer than Q16's three years whose post moved with the teacher (plan parameter) */
  postAtHost: boolean;
  /** the start of the published leader rotation that took the teacher from the personnel system's post, if any */
  leftPersonnelPost: string | null;
}

/** Q16: rotations of at most this many years keep the post at home (人走关系留). */
export const POST_STAYS_HOME_MAX_YEARS = 3;

const AWAY_KINDS = new Set<SolverServiceRecord['kind']>(['rotation', 'leader_rotation', 'shadowing']);

/** The day after `date` (YYYY-MM-DD), in UTC. */
export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Whole years a record lasts (1 Sept Y to 31 Aug Y+n is n years); open records are long. */
function recordYears(r: SolverServiceRecord): number {
  if (r.to === null) return Number.POSITIVE_INFINITY;
  return Number(dayAfter(r.to).slice(0, 4)) - Number(r.from.slice(0, 4));
}

const covers = (r: SolverServiceRecord, date: string) => r.from <= date && (r.to === null || r.to >= date);

/**
 * The teacher's placement on `date` (YYYY-MM-DD). `longRotationMovesPost`: the bureau's choice for
 * rotations longer than three years (Q16); shorter ones always keep the post at home.
 */
export function placementOn(t: SolverTeacher, date: string, longRotationMovesPost = false): Placement {
  let homeSchoolId = t.schoolId;
  let homePost = t.post;
  let postSince = t.postSince;
  let homeSince = t.schoolSince;
  // a published leader rotation that started after the personnel data's arrival is the current post
  // (the personnel system may not have caught up yet; the ledger wins for what a plan wrote)
  let latestLeader: SolverServiceRecord | null = null;
  for (const r of t.serviceRecords) {
    if (r.kind !== 'leader_rotation' || r.from > date || r.from <= t.schoolSince) continue;
    if (!latestLeader || r.from > latestLeader.from) latestLeader = r;
  }
  // a regular record starting after it (HR accepted the personnel system's placement, issue #11) outranks
  // it: the latest-starting record decides, and the personnel data is the placement again
  if (latestLeader && t.serviceRecords.some((r) => r.kind === 'regular' && r.from > latestLeader!.from && r.from <= date)) latestLeader = null;
  if (latestLeader && covers(latestLeader, date)) {
    homeSchoolId = latestLeader.schoolId;
    homePost = (isLeaderPost(latestLeader.post) ? latestLeader.post : t.post) as SolverTeacher['post'];
    postSince = latestLeader.from;
    homeSince = latestLeader.from;
  }
  // away: the latest-starting rotation / shadowing covering the date at another school
  let away: SolverServiceRecord | null = null;
  for (const r of t.serviceRecords) {
    if (!AWAY_KINDS.has(r.kind) || r.kind === 'leader_rotation' || !covers(r, date) || r.schoolId === homeSchoolId) continue;
    if (!away || r.from > away.from) away = r;
  }
  // the last return home before the date restarts the continuous count at home
  let since = homeSince;
  for (const r of t.serviceRecords) {
    if (!AWAY_KINDS.has(r.kind) || r.kind === 'leader_rotation' || r.to === null || r.schoolId === homeSchoolId) continue;
    const back = dayAfter(r.to);
    if (back <= date && back > since) since = back;
  }
  const postAtHost = Boolean(away && away.kind === 'rotation' && longRotationMovesPost && recordYears(away) > POST_STAYS_HOME_MAX_YEARS);
  return {
    homeSchoolId: postAtHost && away ? away.schoolId : homeSchoolId,
    homePost,
    postSince,
    workingSchoolId: away ? away.schoolId : homeSchoolId,
    awayRecord: away,
    since: away ? away.from : since,
    postAtHost,
    leftPersonnelPost: latestLeader && covers(latestLeader, date) ? latestLeader.from : null,
  };
}

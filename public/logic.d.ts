// Types of public/logic.js for the tests.
export const KIND_LABEL: Record<string, string>;
export const TITLE_LABEL: Record<string, string>;
export const BACKBONE_LABEL: Record<string, string>;
export const POST_LABEL: Record<string, string>;
export const STATUS_LABEL: Record<string, string>;
export const PLAN_STATUS_LABEL: Record<string, string>;
export const ROLE_LABEL: Record<string, string>;
export const DECISION_LABEL: Record<string, string>;
export const SIDE_LABEL: Record<string, string>;
export const SUBJECT_LABEL: Record<string, string>;
export const SERVICE_KIND_LABEL: Record<string, string>;
export interface VocabularyBody {
  enums: Record<
    'lineKind' | 'title' | 'backbone' | 'post' | 'proposalStatus' | 'planStatus' | 'role' | 'reviewDecision' | 'reviewSide',
    { code: string; zh: string }[]
  >;
  subjects: { code: string; zh: string }[];
  calendar: { yearStarts: string };
  parameters?: unknown[];
}
export function installVocabulary(v: VocabularyBody): void;
export function groupForSchool<L extends { kind: string; fromSchoolId: string; toSchoolId: string }>(
  lines: L[],
  schoolId: string,
): { incoming: L[]; outgoing: L[]; itinerant: L[]; shadowing: L[] };
export function yearsAtSchool(schoolSince: string, planYear: number): number;
export function reviewSide(line: { fromSchoolId: string; toSchoolId: string }, schoolId: string): 'sending' | 'receiving' | null;
export interface ReviewLike {
  decision: string | null;
  comment: string;
  changedSinceReview?: string[];
}
export function reviewLabel(review: ReviewLike | null, opts?: { status?: string; today?: string; startDate?: string }): string;
export function needsReview(review: ReviewLike | null | undefined): boolean;
export function pendingReviews<L extends { fromSchoolId: string; toSchoolId: string; review?: Record<string, ReviewLike | null> }>(
  lines: L[],
  schoolId: string,
): { all: L[]; changed: L[] };
export function approveAllConfirm(pending: { all: unknown[]; changed: unknown[] }): string;
export interface ReviewCountsLike {
  lines: number;
  reviewed: number;
  reviewedBySending?: number;
  reviewedByReceiving?: number;
  reviewedByNeither?: number;
  changedToReview?: number;
  objected: number;
  openObjections: number;
  upheldNotApplied?: number;
  exceptionsWithoutReason?: number;
}
export function proposalStatusText(p: { status: string; reviewCounts?: ReviewCountsLike }, statusLabel?: Record<string, string>): string;
export function reviewCountsText(c: ReviewCountsLike | null | undefined): string;
export function publishConfirmText(p: { reviewCounts?: ReviewCountsLike }): string;
export function announceConfirmText(p: { version: number; reviewCounts?: ReviewCountsLike }, until?: string): string;
export function withdrawConfirmText(p: { version: number; reviewCounts?: ReviewCountsLike }): string;
export interface ObjectionLike {
  source?: string;
  answer: { decision: string; reason: string; answeredBy: string; answeredAt: string } | null;
}
export function objectionSummary(objections: ObjectionLike[]): string;
export function personName(label: string | null | undefined, fallback: string): string;
export function when(iso: string | null | undefined): string;
export function answerText(o: ObjectionLike): string;
export function upheldRefusalText(details: { teacherName: string; fromSchoolName: string; toSchoolName: string }[]): string;
export const READY: string[];
export const SORTABLE: string[];
export function yearZh(year: number): string;
interface CardLine {
  id: string;
  kind: string;
  fromSchoolId: string;
  toSchoolId: string;
  fromSchoolName: string;
  toSchoolName: string;
  explanation?: string;
  teacher: { name: string; externalId?: string; subject?: string | null; backbone?: string | null; post?: string };
}
export function kindPost(line: { kind: string; teacher?: { post?: string } }): string;
export function cardReasons(line: { explanation?: string }): { own: string[]; shared: string[]; school: string[] };
export function schoolQuotaText(
  lines: CardLine[],
  schoolId: string,
  quota?: { eligible: number; required: number; backboneRequired: number; proposed?: number; backboneMinShare?: number } | null,
): string;
export function searchLines<L extends CardLine>(lines: L[], q: string): L[];
export function sortLines<L extends CardLine>(lines: L[], key: string, order?: 'asc' | 'desc'): L[];
export function changedText(review: { decision?: string | null; comment?: string; changedSinceReview?: string[] } | null | undefined): string;
interface DiffLine {
  teacherId: string;
  teacherName: string;
  kind: string;
  fromSchoolId: string;
  toSchoolId: string;
  hoursPerWeek: number | null;
  causeZh?: string;
}
export function diffRows(
  diff: { added: DiffLine[]; removed: DiffLine[]; changed: { before: DiffLine; after: DiffLine; what: string[]; causeZh?: string }[]; unchanged?: number },
  schoolName: Record<string, string>,
): { change: string; teacherId: string; teacherName: string; kind: string; before: string; after: string; what: string; cause: string }[];
interface Noticed {
  status?: string;
  notice?: { from: string; until: string } | null;
}
export function noticeState(proposal: Noticed, today: string): { phase: 'none' | 'open' | 'closed'; text: string };
export function publishBlocker(proposal: Noticed & { status: string; reviewCounts?: ReviewCountsLike }, openObjections: number, today: string): string;
export function errorZh(err: unknown, action?: string): { text: string; detail: string };
export function parameterToText(v: unknown): string;
export function parameterFromText(text: string, def: unknown): unknown;
export function currentProposal<P extends { id: string; year: number; status: string; createdAt: string }, Q extends { status: string; version: number }>(
  plans: P[],
  proposalsByPlan: Record<string, Q[]>,
): { plan: P; proposal: Q } | null;
export function percent(fraction: number | undefined): number;
export function phasesText(stats: { phasesMs?: Record<string, number> } | null | undefined): string;
export function shareText(x: number | undefined): string;
export function chartSchools<S extends { schoolName: string; required: number; pass: boolean }>(schools: S[], n: number): S[];
export function chartBars(
  schools: { schoolName: string; required: number; proposed: number; pass: boolean }[],
  width?: number,
): { name: string; required: number; proposed: number; pass: boolean }[];
export function withPin(
  pins: { pin: { teacherId: string; toSchoolId: string; kind: string }[]; exclude: { teacherId: string; toSchoolId?: string | null }[] },
  pin: { teacherId: string; toSchoolId: string; kind: string },
): { pin: { teacherId: string; toSchoolId: string; kind: string }[]; exclude: { teacherId: string; toSchoolId?: string | null }[] };
export function withExclusion(
  pins: { pin: { teacherId: string; toSchoolId: string; kind: string }[]; exclude: { teacherId: string; toSchoolId?: string | null }[] },
  teacherId: string,
): { pin: { teacherId: string; toSchoolId: string; kind: string }[]; exclude: { teacherId: string; toSchoolId?: string | null }[] };

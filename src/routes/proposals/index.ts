import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, IdParamsSchema, IdSchema, PageQuerySchema, pageOf, text } from '../../schemas/common.js';
import {
  AnnounceBodySchema,
  ObjectionAnswerBodySchema,
  ObjectionSchema,
  ObjectionsQuerySchema,
  TeacherObjectionBodySchema,
  ComplianceSchema,
  DiffSchema,
  ExceptionListedSchema,
  ExceptionReasonBodySchema,
  ExceptionReasonSchema,
  LineSchema,
  LineKindSchema,
  LinesQuerySchema,
  ProposalSchema,
  ReviewDecisionSchema,
  SchoolQuotaSchema,
} from '../../schemas/planning.js';
import { diffProposals } from '../../services/diff.js';
import { findExceptions, giveExceptionReason } from '../../services/exceptions.js';
import { linesCsv, linesXlsx } from '../../services/export-lines.js';
import { announceProposal, answerObjection, findObjections, lodgeTeacherObjection, proposalWithCounts, withdrawProposal } from '../../services/notice.js';
import { loadNotice, noticeHtml, noticeXlsx } from '../../services/notice-documents.js';
import { cancelProposal, findLines, findReviews, getCompliance, getSchoolQuota, proposalRowOr404 } from '../../services/plans.js';
import { publishProposal } from '../../services/publish.js';
import { reviewLine } from '../../services/review.js';
import { proposalSnapshotOr404 } from '../../services/snapshot.js';

const ReviewSchema = z.object({
  lineId: IdSchema,
  side: z.enum(['sending', 'receiving']),
  schoolId: IdSchema,
  schoolName: z.string(),
  decision: ReviewDecisionSchema,
  comment: z.string(),
  reviewer: z.string(),
  reviewedAt: z.string(),
  teacherName: z.string(),
  kind: z.string(),
});

const proposals: FastifyPluginAsyncZod = async (app) => {
  const tags = ['planning'];
  app.get(
    '/proposals/:id',
    {
      schema: {
        tags,
        summary: 'Get a proposal (方案) with its status and progress',
        params: IdParamsSchema,
        response: { 200: ProposalSchema, ...errorResponses },
      },
    },
    async (req) => proposalWithCounts(app.db, req.params.id),
  );

  // ---- the 公示 notice period (issue #12, src/services/notice.ts)
  app.post(
    '/proposals/:id/announce',
    {
      schema: {
        tags,
        summary: 'Announce a proposal for the notice period (公示)',
        description:
          "done → announced. The notice runs from tomorrow (China time) to `noticeUntil`, by default five working days (Mon–Fri; public holidays are HR's to add by giving `noticeUntil`). Another announced version of the same plan goes back to done (replaced); another plan's announced or published proposal for the year is 409 naming it (one plan result per academic year). The notice ends no later than 31 August of the plan's year (the day before its moves take effect) and within 30 working days of its first day: otherwise 400 naming `noticeUntil` (or `noticeWorkingDays`).",
        params: IdParamsSchema,
        body: AnnounceBodySchema,
        response: { 200: ProposalSchema, ...errorResponses },
      },
    },
    async (req) => announceProposal(app.db, req.params.id, req.body, app.today(), actorOf(req)),
  );
  app.post(
    '/proposals/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw the notice (撤回公示): announced → done',
        params: IdParamsSchema,
        response: { 200: ProposalSchema, ...errorResponses },
      },
    },
    async (req) => withdrawProposal(app.db, req.params.id, actorOf(req)),
  );
  app.get(
    '/proposals/:id/objections',
    {
      schema: {
        tags,
        summary: "List the objections (异议): principals' and teachers', with HR's answers",
        description: 'HR: every objection; a principal: those on lines touching their school. state=open: not answered yet.',
        params: IdParamsSchema,
        querystring: ObjectionsQuerySchema.extend({ schoolId: IdSchema.optional() }),
        response: { 200: pageOf(ObjectionSchema), ...errorResponses },
      },
    },
    async (req) => findObjections(app.db, req.params.id, req.caller, req.query),
  );
  app.post(
    '/proposals/:id/lines/:lineId/objections',
    {
      schema: {
        tags,
        summary: "Record a teacher's objection (教师异议), lodged with HR",
        description:
          'Who lodged it and how (in person, phone, letter, email, other). Taken while the proposal is done, or announced up to the last day of its notice.',
        params: z.object({ id: IdSchema, lineId: IdSchema }),
        body: TeacherObjectionBodySchema,
        response: { 201: ObjectionSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await lodgeTeacherObjection(app.db, req.params.id, req.params.lineId, req.body, app.today(), actorOf(req))),
  );
  app.post(
    '/proposals/:id/objections/:objectionId/answer',
    {
      schema: {
        tags,
        summary: 'Answer an objection (异议答复): upheld or rejected, with a reason',
        description:
          "Upheld with `exclude: true` also excludes the teacher's move to that school from the plan (as PUT /plans/:id/pins), so the next version leaves the line out. 409 when already answered or the proposal is published.",
        params: z.object({ id: IdSchema, objectionId: IdSchema }),
        body: ObjectionAnswerBodySchema,
        response: { 200: ObjectionSchema, ...errorResponses },
      },
    },
    async (req) => answerObjection(app.db, req.params.id, req.params.objectionId, req.body, actorOf(req)),
  );

  app.get(
    '/proposals/:id/snapshot',
    {
      schema: {
        tags,
        summary: 'Get the input the proposal was solved from (reproducible proposals)',
        description:
          'The solver input as it was when the solve started (every school, teacher and ledger record, pins, exclusions, previous lines), the plan parameters and the engine version; `npm run replay -- <proposalId>` solves it again. 404 before the solve started.',
        params: IdParamsSchema,
        response: {
          200: z.object({
            engineVersion: z.string().describe('package and HiGHS version that solved it, e.g. lungang@0.1.0 highs@1.15.3'),
            parameters: z.record(z.string(), z.unknown()),
            createdAt: z.string(),
            input: z.unknown().describe('the solver input (solver/types.ts SolverInput)'),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => proposalSnapshotOr404(app.db, req.params.id),
  );

  app.get(
    '/proposals/:id/lines',
    {
      schema: {
        tags,
        summary: "List the proposal's lines (交流名单)",
        params: IdParamsSchema,
        querystring: LinesQuerySchema,
        description: 'A principal gets only the lines touching their school: direction=incoming (调入) or outgoing (调出).',
        response: { 200: pageOf(LineSchema), ...errorResponses },
      },
    },
    async (req) => findLines(app.db, req.params.id, req.query),
  );

  app.get(
    '/proposals/:id/compliance',
    {
      schema: {
        tags,
        summary: "Get the proposal's compliance report (合规检查)",
        params: IdParamsSchema,
        response: { 200: ComplianceSchema, ...errorResponses },
      },
    },
    async (req) => getCompliance(app.db, req.params.id) as Promise<z.infer<typeof ComplianceSchema>>,
  );

  app.get(
    '/proposals/:id/quota',
    {
      schema: {
        tags,
        summary: "One school's quota (本校交流指标): eligible, required and proposed (R01), backbone (R02)",
        description:
          "The school's row of the compliance report; `quota` is null when the school is not a sending school. `schoolId` is required: without it 400, or 403 for a principal, who may name their own school only (README access table).",
        params: IdParamsSchema,
        querystring: z.object({ schoolId: IdSchema.optional() }),
        response: { 200: SchoolQuotaSchema, ...errorResponses },
      },
    },
    async (req) => getSchoolQuota(app.db, req.params.id, req.query.schoolId) as Promise<z.infer<typeof SchoolQuotaSchema>>,
  );

  app.get(
    '/proposals/:id/exceptions',
    {
      schema: {
        tags,
        summary: "List the proposal's exceptions on record (例外登记), each with HR's reason or null",
        description:
          'Every teacher a hard rule (H4 R08, H5 R11, H6 R16) names who is not moved as it asks, with why (Q12); `hrReason` null: the exception still needs a reason (待说明). 409 while the proposal has no compliance report.',
        params: IdParamsSchema,
        querystring: PageQuerySchema,
        response: { 200: pageOf(ExceptionListedSchema), ...errorResponses },
      },
    },
    async (req) => findExceptions(app.db, req.params.id, req.query),
  );

  app.put(
    '/proposals/:id/exceptions/:teacherId',
    {
      schema: {
        tags,
        summary: 'Give the reason for an exception on record (例外说明), audited',
        description:
          "HR's reason why the teacher is not moved as the rule asks (Q12); a later one replaces it (the audit log keeps both). 404 for a teacher and rule not among the proposal's exceptions; 409 once the proposal is published.",
        params: z.object({ id: IdSchema, teacherId: IdSchema }),
        body: ExceptionReasonBodySchema,
        response: { 200: ExceptionReasonSchema, ...errorResponses },
      },
    },
    async (req) => giveExceptionReason(app.db, req.params.id, req.params.teacherId, actorOf(req), req.body),
  );

  app.get(
    '/proposals/:id/reviews',
    {
      schema: {
        tags,
        summary: "List the principals' reviews (审核意见)",
        params: IdParamsSchema,
        description: "HR: every reviewed line of the proposal with both sides' decisions; ?decision=object lists the objections.",
        querystring: PageQuerySchema.extend({ decision: ReviewDecisionSchema.optional() }),
        response: { 200: pageOf(ReviewSchema), ...errorResponses },
      },
    },
    async (req) => findReviews(app.db, req.params.id, req.query),
  );

  app.post(
    '/proposals/:id/lines/:lineId/review',
    {
      schema: {
        tags,
        summary: 'Review a line: approve or object (校长审核)',
        description:
          "An objection (异议) is one HR answers (GET /proposals/:id/objections). Taken while the proposal is done, or announced up to and including the last day of its notice; after that 409 (公示期已于…结束). Approving withdraws the side's open objection.",
        params: z.object({ id: IdSchema, lineId: IdSchema }),
        body: z
          .object({ decision: ReviewDecisionSchema, comment: text(2000, { min: 0, multiline: true }).default('') })
          .refine((b) => b.decision !== 'object' || b.comment.length > 0, { path: ['comment'], message: 'an objection needs a comment' }),
        response: { 200: ReviewSchema.omit({ teacherName: true, kind: true, schoolName: true }), ...errorResponses },
      },
    },
    async (req) => reviewLine(app.db, req.params.id, req.params.lineId, req.caller, actorOf(req), req.body, app.today()),
  );

  app.get(
    '/proposals/:id/diff',
    {
      schema: {
        tags,
        summary: 'Compare two proposals of a plan',
        params: IdParamsSchema,
        querystring: z.object({ against: IdSchema }),
        response: { 200: DiffSchema, ...errorResponses },
      },
    },
    async (req) => {
      return diffProposals(app.db, req.params.id, req.query.against) as Promise<z.infer<typeof DiffSchema>>;
    },
  );

  app.post(
    '/proposals/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish a proposal (发布, after the 公示)',
        params: IdParamsSchema,
        description:
          "Only an announced proposal, after its notice period (today later than notice.until), with every objection answered. The proposal becomes the year's result; its lines become service records effective 1 September. 409 otherwise: announce first, the period has not ended (details: noticeUntil, publishFrom), open objections (details: objectionId, lineId, teacherName), or the plan already has a published proposal.",
        response: { 200: z.object({ proposalId: IdSchema, planId: IdSchema, records: z.number().int() }), ...errorResponses },
      },
    },
    async (req) => {
      return publishProposal(app.db, req.params.id, actorOf(req), app.today());
    },
  );

  // the full internal list: HR and the personnel system only (src/access.ts); a principal prints the notice below
  const ExportQuery = z.object({ schoolId: IdSchema.optional() });
  app.get(
    '/proposals/:id/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Export the full internal list as a workbook (HR, personnel system)',
        params: IdParamsSchema,
        querystring: ExportQuery,
        description:
          'The internal HR list, not for publication: one sheet per kind with staff numbers (工号), post, title, backbone level, hours and the reasons. HR and integration only; the public notice is GET /proposals/:id/notice.xlsx.',
      },
    },
    async (req, reply) => {
      const p = await proposalRowOr404(app.db, req.params.id);
      const buf = await linesXlsx(app.db, p.id, `交流轮岗公示名单 v${p.version}`, req.query.schoolId);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="proposal-v${p.version}.xlsx"`)
        .send(buf);
    },
  );
  app.get(
    '/proposals/:id/export.csv',
    {
      schema: {
        tags,
        summary: 'Export the full internal list as CSV (HR, personnel system)',
        params: IdParamsSchema,
        querystring: ExportQuery,
        description:
          'The internal HR list as CSV (UTF-8 with BOM), the same columns as export.xlsx with the kind first. Not for publication: HR and integration only; the public notice is GET /proposals/:id/notice.xlsx.',
      },
    },
    async (req, reply) => {
      const p = await proposalRowOr404(app.db, req.params.id);
      const csv = await linesCsv(app.db, p.id, req.query.schoolId);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="proposal-v${p.version}.csv"`)
        .send(csv);
    },
  );

  // The public documents (issue #12 point 5): the 公示 notice while done or announced, the decision once published.
  const NoticeQuery = z.object({
    kind: LineKindSchema.optional().describe('one kind; absent: one sheet or section per kind that has lines'),
    schoolId: IdSchema.optional().describe("one school's incoming and outgoing lines; a principal must give their own"),
  });
  const noticeDescription =
    "Only what a public notice may carry: 序号, name, school from and to, subject, kind, term. Title, issuing office, notice period, objection contact and date from the plan's settings. While the proposal is done or announced it is the notice (…名单公示); once published, the decision (关于公布…名单的通知). 409 before the solve finished. A principal: their own school's list only (`schoolId` required).";
  const noticeOf = (id: string, q: z.infer<typeof NoticeQuery>) => loadNotice(app.db, id, q, app.today());
  const attachment = (name: string, ext: string) => `attachment; filename="notice.${ext}"; filename*=UTF-8''${encodeURIComponent(`${name}.${ext}`)}`;
  app.get(
    '/proposals/:id/notice.xlsx',
    {
      schema: {
        tags,
        summary: 'The 公示 notice or the decision as a printable workbook',
        params: IdParamsSchema,
        querystring: NoticeQuery,
        description: `${noticeDescription} A4 landscape fitted to one page wide, the header row printed on every page, an autofilter, dates as date cells.`,
      },
    },
    async (req, reply) => {
      const doc = await noticeOf(req.params.id, req.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachment(doc.title, 'xlsx'))
        .send(await noticeXlsx(doc));
    },
  );
  app.get(
    '/proposals/:id/notice.html',
    {
      schema: {
        tags,
        summary: 'The 公示 notice or the decision as a printable page',
        params: IdParamsSchema,
        querystring: NoticeQuery,
        description: `${noticeDescription} A complete page in Simplified Chinese, A4 landscape, no script; print it or save it as PDF from the browser.`,
      },
    },
    async (req, reply) => {
      const doc = await noticeOf(req.params.id, req.query);
      return reply.header('content-type', 'text/html; charset=utf-8').send(noticeHtml(doc));
    },
  );

  app.post(
    '/proposals/:id/cancel',
    {
      schema: { tags, summary: 'Cancel a queued or running proposal', params: IdParamsSchema, response: { 200: ProposalSchema, ...errorResponses } },
    },
    async (req) => cancelProposal(app.db, req.params.id, app.solveRunner, actorOf(req)),
  );
};
export default proposals;

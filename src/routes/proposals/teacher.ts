import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, IdSchema } from '../../schemas/common.js';
import { TeacherPageSchema } from '../../schemas/teacher-page.js';
import { teacherPage } from '../../services/teacher-page.js';

/** The teacher page of a proposal (issue #12 point 7): HR's, and a principal's for the teachers of their school or its lines. */
const proposalTeacher: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/proposals/:id/teachers/:teacherId',
    {
      schema: {
        tags: ['planning'],
        summary: 'A teacher in a proposal: ledger, clocks, every version, why chosen or why not (教师详情)',
        description:
          "The teacher, their placement today and ledger; their clocks as of 1 September of the plan year; their line in every version of the plan; this proposal's line's reasons (chosen), or why they have none (whyNot), and with a line up to three colleagues of the same school who stayed, each with why not. Clocks and why-not come from the proposal's stored snapshot and report. A principal: a teacher of their school today, or one whose line in this proposal touches it (403 otherwise); the colleagues only for a teacher of their own school.",
        params: z.object({ id: IdSchema, teacherId: IdSchema }),
        response: { 200: TeacherPageSchema, ...errorResponses },
      },
    },
    async (req) => teacherPage(app.db, req.params.id, req.params.teacherId, app.today(), req.caller.role === 'principal' ? req.caller.schoolId : null),
  );
};
export default proposalTeacher;

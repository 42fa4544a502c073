import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../schemas/common.js';

const SubjectItem = z.object({ code: z.string(), name: z.string(), shortage: z.boolean() });

/** The subject catalogue; `shortage` marks R24's priority subjects (思政 体育 音乐 美术 劳动 心理健康 特殊教育). */
const subjects: FastifyPluginAsyncZod = async (app) => {
  app.get('/subjects', { schema: { tags: ['master data'], response: { 200: z.object({ items: z.array(SubjectItem) }), ...errorResponses } } }, async () => {
    const rows = await app.db.selectFrom('subjects').selectAll().orderBy('code').execute();
    return { items: rows.map((r) => ({ code: r.code, name: r.name_zh, shortage: r.shortage })) };
  });
};
export default subjects;

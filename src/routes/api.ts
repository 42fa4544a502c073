import type { FastifyInstance } from 'fastify';
import { type AuthOptions, installAuth } from '../plugins/auth.js';
import accounts from './accounts/index.js';
import { installIdempotency } from '../plugins/idempotency.js';
import audit from './audit/index.js';
import changes from './changes/index.js';
import districts from './districts/index.js';
import exportRoutes from './export/index.js';
import importRoute, { type ImportOptions } from './import/index.js';
import plans from './plans/index.js';
import proposals from './proposals/index.js';
import proposalTeacher from './proposals/teacher.js';
import schools from './schools/index.js';
import session, { type SessionOptions } from './session/index.js';
import subjects from './subjects/index.js';
import teachers from './teachers/index.js';
import tokens from './tokens/index.js';
import vocabulary from './vocabulary/index.js';

/**
 * Everything under /api/v1, in one encapsulated plugin (registered with that prefix by
 * src/app.ts): its authentication and access hooks run for every route in it, and a route without
 * an access rule in src/access.ts does not start.
 */
export default async function api(app: FastifyInstance, opts: { auth: AuthOptions; import: ImportOptions; session: SessionOptions }) {
  installAuth(app, opts.auth);
  installIdempotency(app);
  await app.register(subjects);
  await app.register(vocabulary);
  await app.register(districts);
  await app.register(schools);
  await app.register(teachers);
  await app.register(tokens);
  await app.register(session, opts.session);
  await app.register(accounts, opts.session);
  await app.register(importRoute, opts.import);
  await app.register(exportRoutes);
  await app.register(audit);
  await app.register(plans);
  await app.register(proposals);
  await app.register(proposalTeacher);
  await app.register(changes);
}

import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { packagePath } from '../paths.js';

/** The page for principals and HR (public/), served by the service itself at `/`. */
export default fp(
  async function webPlugin(app: FastifyInstance) {
    await app.register(fastifyStatic, {
      root: packagePath('public/'),
      prefix: '/',
      index: 'index.html',
      // the page changes with the service: no stale copy after an upgrade
      cacheControl: false,
      allowedPath: (path) => !path.endsWith('.d.ts'),
    });
  },
  { name: 'web' },
);

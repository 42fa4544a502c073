import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { packagePath } from '../paths.js';

/**
 * preact + htm in one ES module (htm/preact/standalone: html, render, h and the hooks): the page
 * imports it from /vendor/htm-preact.js, so there is no build step and no import map, and the
 * strict CSP (script-src 'self') holds. Read once at start; its ETag is its content's hash.
 */
function vendorModule() {
  const require = createRequire(import.meta.url);
  // htm's exports map has no entry for this file: find it beside the package's main entry (dist/htm.js)
  const file = join(dirname(require.resolve('htm')), '..', 'preact', 'standalone.module.js');
  const body = readFileSync(file);
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/** The page for principals and HR (public/), served by the service itself at `/`. */
export default fp(
  async function webPlugin(app: FastifyInstance) {
    const vendor = vendorModule();
    app.get('/vendor/htm-preact.js', { schema: { hide: true } }, async (req, reply) => {
      // a day's cache, then a revalidation: the URL stays the same when the dependency is upgraded
      reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=86400, must-revalidate')
        .header('etag', vendor.etag);
      if (req.headers['if-none-match'] === vendor.etag) return reply.code(304).send();
      return reply.send(vendor.body);
    });
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

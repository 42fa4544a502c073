import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type TickResult, tickChanges } from '../services/changes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** the change feed's scheduled job (issue #23): run by a timer; `tick()` runs it now (tests, the demo) */
    changeFeed: { tick(): Promise<TickResult> };
  }
}

/**
 * Runs the feed's scheduled job (move.effective on 1 September, move.ended, retention) at start and
 * every `tickSeconds`, in every service process. Why a plain timer and not a pg-boss schedule: the
 * embedded database has no pg-boss, and what makes the job safe is not who runs it but the
 * database: each emission is claimed by a primary key in the transaction that writes it, so two
 * processes emit once between them, and a process that was down catches up at its next start.
 */
export default fp(
  async function changeFeedPlugin(app: FastifyInstance, opts: { retentionDays: number; tickSeconds: number }) {
    let running: Promise<TickResult> | null = null;
    const tick = async (): Promise<TickResult> => {
      // one tick at a time in this process; a second caller waits for it and then runs its own
      while (running) await running.catch(() => undefined);
      running = tickChanges(app.db, app.today(), opts.retentionDays);
      try {
        return await running;
      } finally {
        running = null;
      }
    };
    app.decorate('changeFeed', { tick });
    let timer: NodeJS.Timeout | null = null;
    const background = () =>
      tick().then(
        (r) => {
          if (r.effective || r.ended || r.pruned) app.log.info({ ...r }, 'change feed: scheduled changes');
        },
        (err: unknown) => app.log.warn({ err }, 'change feed: the scheduled job failed; it runs again at the next tick'),
      );
    app.addHook('onReady', async () => {
      await background();
      timer = setInterval(() => void background(), opts.tickSeconds * 1000);
      timer.unref();
    });
    app.addHook('preClose', async () => {
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    });
  },
  { name: 'change-feed', dependencies: ['db'] },
);

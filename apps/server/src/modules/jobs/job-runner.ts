import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { jobs } from './jobs.schema.ts';

export type JobHandler = (payload: Record<string, unknown>, job: { id: number; attempts: number }) => Promise<void>;

/** A job whose worker died is taken again after this long. */
const STALE_MS = 10 * 60_000;

/**
 * Background jobs in a Postgres table (design.md): any number of processes can run workers; a job is claimed with
 * FOR UPDATE SKIP LOCKED so two workers never take the same one, and no Redis is needed.
 */
export function createJobRunner({ db, clock, log }: { db: Db; clock: Clock; log: FastifyBaseLogger }) {
  const handlers = new Map<string, JobHandler>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = false;

  async function claim() {
    const now = clock.now();
    const res = await db.execute(sql`
      update ${jobs} set status = 'running', locked_at = ${now.toISOString()}::timestamptz, attempts = attempts + 1
      where id = (
        select id from ${jobs}
        where (status = 'queued' and run_at <= ${now.toISOString()}::timestamptz)
           or (status = 'running' and locked_at < ${new Date(now.getTime() - STALE_MS).toISOString()}::timestamptz)
        order by run_at, id
        for update skip locked
        limit 1
      )
      returning id, queue, payload, attempts, max_attempts`);
    // Both drivers (PGlite and node-postgres) answer execute() with { rows }.
    type Claimed = { id: number; queue: string; payload: Record<string, unknown>; attempts: number; max_attempts: number };
    const row = (res as unknown as { rows: Claimed[] }).rows[0];
    return row ? { ...row, id: Number(row.id) } : undefined;
  }

  /** Run at most one due job; true if one ran. */
  async function runOnce(): Promise<boolean> {
    const job = await claim();
    if (!job) return false;
    const handler = handlers.get(job.queue);
    try {
      if (!handler) throw new Error(`no handler for queue ${job.queue}`);
      await handler(job.payload, { id: job.id, attempts: job.attempts });
      await db.update(jobs).set({ status: 'done', finishedAt: clock.now(), lastError: null }).where(eq(jobs.id, job.id));
    } catch (e) {
      const failedForGood = job.attempts >= job.max_attempts;
      log.error({ err: e, jobId: job.id, queue: job.queue }, 'job failed');
      await db
        .update(jobs)
        .set({
          status: failedForGood ? 'failed' : 'queued',
          lastError: String((e as Error)?.message ?? e).slice(0, 2000),
          // Back off before the retry.
          runAt: new Date(clock.now().getTime() + 2 ** job.attempts * 1000),
          finishedAt: failedForGood ? clock.now() : null,
        })
        .where(eq(jobs.id, job.id));
    }
    return true;
  }

  return {
    register(queue: string, handler: JobHandler) {
      handlers.set(queue, handler);
    },
    async enqueue(tx: Db, queue: string, payload: Record<string, unknown>, runAt?: Date) {
      const [row] = await tx.insert(jobs).values({ queue, payload, runAt: runAt ?? clock.now() }).returning({ id: jobs.id });
      return row!.id;
    },
    runOnce,
    /** Run due jobs until none is left (tests, CLI). */
    async drain(max = 1000) {
      let n = 0;
      while (n < max && (await runOnce())) n++;
      return n;
    },
    start(intervalMs = 300) {
      stopped = false;
      const tick = async () => {
        if (stopped) return;
        try {
          running = (async () => {
            while (!stopped && (await runOnce()));
          })();
          await running;
        } catch (e) {
          log.error({ err: e }, 'job loop error');
        }
        if (!stopped) timer = setTimeout(tick, intervalMs);
      };
      timer = setTimeout(tick, intervalMs);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running.catch(() => undefined);
    },
    async pending() {
      const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(jobs).where(and(eq(jobs.status, 'queued'), lt(jobs.runAt, new Date(clock.now().getTime() + 1))));
      return r?.n ?? 0;
    },
  };
}
export type JobRunner = ReturnType<typeof createJobRunner>;

// First: zod settings must precede every schema definition (see the module).
import '../runtime/zod-jitless.js';
import { runDispatch } from '../core/dispatch/run.js';
import { runBroadcasts } from '../core/newsletters/broadcast.js';
import { templates } from '../core/mailer/template-source.js';
import { awsContext } from '../runtime/aws.js';
import { sesClient } from '../runtime/ses.js';

// Cold start: config, links and the course are checked before the first run (runtime/aws.ts).
const ctx = awsContext('dispatch', { templates, ses: sesClient });

/** The schedule's input (infra/cron.ts): the due shards this invocation sends; none: every shard. */
export interface DispatchEvent {
  shards?: number[];
}

/**
 * Scheduled every 15 minutes, one schedule per due shard (infra/cron.ts): the backlog fans out
 * over one invocation per shard, all pacing together through the shared send budget. Each run
 * stops claiming when little of its time is left and reports what it left (the next run sends
 * it, the same day); a claim it left goes stale and is retried, never sent twice.
 */
export async function handler(event: DispatchEvent | null, context?: { getRemainingTimeInMillis?: () => number }): Promise<unknown> {
  const shards = Array.isArray(event?.shards) ? event.shards.filter((s) => Number.isInteger(s)) : undefined;
  const remainingMs = context?.getRemainingTimeInMillis?.bind(context);
  const lessons = await runDispatch(ctx, { shards, remainingMs });
  // Lessons first; then broadcasts with the time left (every invocation helps: each copy is claimed, so none goes twice).
  const broadcasts = lessons.stopped === 'halted' ? { jobs: 0, sent: 0, stopped: 'halted' as const } : await runBroadcasts(ctx, { remainingMs });
  return { ...lessons, broadcasts };
}

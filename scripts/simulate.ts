/**
 * npm run simulate -- --readers N --days D [--enrol-over DAYS] [--seed S] [--json FILE] [--persist] [--faults]
 * Runs synthetic readers through the real system on a fake clock and prints what happened.
 * --faults: against SES and DynamoDB stand-ins that fail (local/faults.ts), then checks that every
 * due email went out exactly once, on the reader's day, that the reports counted it once, that
 * every reply the readers wrote was stored once, and that nobody was suppressed.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FolderInUseError } from '../functions/local/lock.js';
import { simulate, type SimReader, type SimResult, type SimStart } from '../functions/local/simulate.js';
import { daysBetween, localDate } from '../functions/core/shared/time.js';
import { makeLogger } from '../functions/core/shared/log.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

function options() {
  try {
    const { values } = parseArgs({
      options: {
        readers: { type: 'string', default: '30' },
        days: { type: 'string', default: '60' },
        // Six weeks: sign-ups always span two calendar months, so Cohorts shows more than one.
        'enrol-over': { type: 'string', default: '42' },
        seed: { type: 'string', default: '1' },
        json: { type: 'string' },
        persist: { type: 'boolean', default: false },
        faults: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) usage(0);
    const readers = Number(values.readers);
    const days = Number(values.days);
    const seed = Number(values.seed);
    const enrolOverDays = Number(values['enrol-over']);
    if (!Number.isInteger(readers) || readers < 1 || readers > 100_000) fail('--readers must be a whole number from 1 to 100000');
    if (!Number.isInteger(days) || days < 1 || days > 1000) fail('--days must be a whole number from 1 to 1000');
    if (!Number.isInteger(seed)) fail('--seed must be a whole number');
    if (!Number.isInteger(enrolOverDays) || enrolOverDays < 0 || enrolOverDays > 1000) fail('--enrol-over must be a whole number of days from 0 to 1000');
    if (values.faults && values.persist) fail('--faults runs in a fresh table of its own: not with --persist');
    return { readers, days, seed, enrolOverDays: Math.min(enrolOverDays, days), json: values.json, persist: values.persist, faults: values.faults };
  } catch (e) {
    fail((e as Error).message);
  }
}

function usage(code: number): never {
  console.log('usage: npm run simulate -- --readers N --days D [--enrol-over DAYS] [--seed S] [--json FILE] [--persist] [--faults]');
  console.log('  --faults           SES throttles 20% of calls, answers 5xx to 5%, drops 2% of sends after accepting them;');
  console.log('                     DynamoDB throttles 5% and loses the answer to 2% of writes after applying them:');
  console.log('                     then checks every due email went out exactly once, the reports counted it once');
  console.log('                     and every reply the readers wrote was stored once');
  console.log('  --enrol-over DAYS  spread sign-ups over the first DAYS days (default 42; 0 = all on day one)');
  console.log("  --persist          write into the data folder (DATA_DIR, default .data), continuing its app clock;");
  console.log('                     if `npm start` is running on it, the simulation runs through that server');
  process.exit(code);
}
function fail(msg: string): never {
  console.error(`simulate: ${msg}`);
  usage(2);
}

const opts = options();
const started = Date.now();
const bar = (day: number, days: number) => {
  const width = 30;
  const done = Math.round((day / days) * width);
  process.stderr.write(`\r  [${'#'.repeat(done)}${'.'.repeat(width - done)}] day ${day}/${days}`);
};
const spread = opts.enrolOverDays > 1 ? `, signing up over the first ${opts.enrolOverDays} days` : ', all signing up on day one';
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
console.log(`Simulating ${plural(opts.readers, 'reader')} over ${plural(opts.days, 'day')}${spread} (seed ${opts.seed})${opts.persist ? ' into the local data folder' : ''}...`);
const announce = (s: SimStart) => {
  if (!opts.persist) return;
  // The data folder's app clock only moves forward: a run starts where the last one (or npm start) left it.
  console.log(`Continuing the data folder's app clock: ${s.start} -> ${s.end}; npm start carries on from there.`);
  if (s.through) console.log(`Mend is running on this data folder (PID ${s.through.pid}): simulating through it at ${s.through.app}.`);
};
const FAULT_MIX = { ses: { throttle: 0.2, serverError: 0.05, dropAfterAccept: 0.02 }, dynamo: { throttle: 0.05, dropAfterApply: 0.02 }, seed: opts.seed };
// The app's log, kept in memory for the delivery check to quote (a run prints only its summary).
const logLines: string[] = [];
const log = makeLogger({ sink: (line) => void (logLines.length < 200_000 && logLines.push(line)) });
const result = await simulate({ ...opts, log, faults: opts.faults ? FAULT_MIX : undefined, onStart: announce, onDay: bar }).catch((e: Error) => {
  process.stderr.write('\n');
  console.error(`simulate: ${e instanceof FolderInUseError ? e.message : `stopped: ${e.message}`}`);
  if (process.env.DEBUG && !(e instanceof FolderInUseError)) console.error(e.stack);
  process.exit(1);
});
process.stderr.write('\n');
printTimeline(result);
printDelivery(result);
console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
if (opts.json) {
  writeFileSync(opts.json, JSON.stringify({ seed: result.seed, days: result.days, start: result.start, end: result.end, readers: result.readers }, null, 2));
  console.log(`Wrote ${opts.json}`);
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}

function printDelivery(res: SimResult) {
  const d = res.delivery;
  console.log('\n== Delivery ==');
  if (res.faults) {
    const f = res.faults;
    console.log(`  faults injected: SES ${f.ses.calls} calls, ${f.ses.throttled} throttled, ${f.ses.serverErrors} 5xx, ${f.ses.dropped} accepted then dropped; DynamoDB ${f.dynamo.calls} calls, ${f.dynamo.throttled} throttled, ${f.dynamo.dropped} writes applied then their answer dropped`);
  }
  console.log(`  course emails received by SES: ${d.emails}; sends recorded: ${d.recorded}`);
  console.log(`  readers sent something twice: ${d.duplicated}; sends recorded but never received: ${d.missing}`);
  console.log(`  sends off the reader's local day: ${d.offDay}; latest after the reader's hour: ${d.maxSlipMinutes} min`);
  console.log(`  readers with something overdue at the end: ${d.overdue}; readers suppressed: ${d.suppressed}`);
  const c = d.counts;
  if (c) console.log(`  the reports count ${c.funnel.counted} lessons sent (${c.funnel.recorded} recorded), ${c.replied.counted} replied to (${c.replied.recorded}), ${c.perDay.counted} lessons and check-ins by day (${c.perDay.recorded}) and ${c.outcomes.counted} in the outcome report (${c.outcomes.recorded})`);
  const rp = d.replies;
  console.log(`  replies written by the readers: ${rp.sent}; stored: ${rp.stored} (${rp.lost} lost, ${rp.doubled} stored twice; ${rp.retried} posted again after a 5xx, ${rp.gaveUp} given up)`);
  const counted = !c || (c.funnel.itemsOff === 0 && c.replied.itemsOff === 0 && c.outcomes.itemsOff === 0 && c.perDay.daysOff === 0);
  const kept = rp.lost === 0 && rp.doubled === 0;
  const ok = d.duplicated === 0 && d.missing === 0 && d.offDay === 0 && d.overdue === 0 && (!res.faults || d.suppressed === 0) && d.emails === d.recorded && counted && kept;
  console.log(`  ${ok ? `OK: every due email exactly once, on its day${c ? ', and counted once' : ''}; every reply stored once` : 'NOT OK: see above'}`);
  // Which readers, and what the app logged about them (log lines carry reader ids, never addresses or names).
  for (const p of ok ? [] : (d.problems ?? [])) {
    console.log(`  ${p.problem}: reader ${p.readerId}: ${p.detail}`);
    for (const line of logLines.filter((l) => l.includes(p.readerId)).slice(-12)) console.log(`    log: ${line}`);
  }
  if (!ok) process.exitCode = 1;
}

function printTimeline(res: SimResult) {
  const bySituation = groupBy(res.readers, (r) => r.situation);
  for (const [situation, readers] of [...bySituation].sort()) {
    console.log(`\n== Started on the ${situation} track: ${readers.length} readers ==`);
    const count = (f: (r: SimReader) => string) =>
      [...groupBy(readers, f)].map(([k, v]) => `${k} ${v.length}`).join(', ');
    console.log(`  now on track:  ${count((r) => r.track)}`);
    console.log(`  status:        ${count((r) => r.status)}`);
    const choices = readers.flatMap((r) => r.choices.map((c) => `${c.choice}${c.by === 'timeout' ? ' (no answer)' : ''}`));
    console.log(`  choices:       ${[...groupBy(choices, (c) => c)].map(([k, v]) => `${k} ${v.length}`).join(', ') || 'none'}`);
    const replies = readers.reduce((n, r) => n + r.replies.length, 0);
    const outcomes = readers.flatMap((r) => r.outcomes.map((o) => o.outcome));
    const signals = readers.flatMap((r) => r.replies.flatMap((x) => x.signals));
    console.log(`  signals:       ${[...groupBy(signals, (x) => x)].map(([k, v]) => `${k} ${v.length}`).join(', ') || 'none'}`);
    console.log(`  replies:       ${replies}   check-ins: ${readers.reduce((n, r) => n + r.checkins.length, 0)}   outcomes: ${[...groupBy(outcomes, (o) => o)].map(([k, v]) => `${k} ${v.length}`).join(', ') || 'none'}`);
    // A timeline: which lessons went out on which course day, and to how many.
    const days = new Map<number, Map<string, number>>();
    for (const r of readers) {
      const first = r.sends[0] ? localDate(new Date(r.sends[0].sentAt), r.timezone) : '';
      for (const s of r.sends) {
        const d = daysBetween(first, localDate(new Date(s.sentAt), r.timezone));
        const m = days.get(d) ?? new Map<string, number>();
        m.set(s.lessonId, (m.get(s.lessonId) ?? 0) + 1);
        days.set(d, m);
      }
    }
    console.log('  course day  lessons sent (readers)');
    for (const [d, m] of [...days].sort((a, b) => a[0] - b[0]).slice(0, 60)) {
      console.log(`  ${String(d).padStart(10)}  ${[...m].map(([l, n]) => `${l} (${n})`).join(', ')}`);
    }
  }
}

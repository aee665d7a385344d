import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';

/**
 * Structured logs. Never pass email addresses, names or reply text: log ids and counts only.
 * Keys that look personal are redacted as a second line of defence.
 */
export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

const PERSONAL = /email|name|text|body|subject|address|to$|from$/i;

const EMAIL = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g;

export function redact(data: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    // Error messages from SDKs can quote an address: mask anything that looks like one.
    out[k] = PERSONAL.test(k) ? '[redacted]' : typeof v === 'string' ? v.replace(EMAIL, '[email]') : v;
  }
  return out;
}

/**
 * Keys Powertools keeps for itself and silently drops from the data (so an error's `message`
 * used to vanish and a 500 said only "Error"): kept under another name instead.
 */
const RESERVED: Record<string, string> = { message: 'errorMessage', level: 'dataLevel', service: 'dataService', timestamp: 'dataTimestamp', sampling_rate: 'dataSamplingRate' };

export function unreserved(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [RESERVED[k] ?? k, v]));
}

/**
 * Powertools' JSON lines on stdout/stderr (CloudWatch in AWS). `sink`: every line to a function
 * instead (a test that reads everything logged), formatted exactly as it would be printed.
 */
export function makeLogger(opts: { silent?: boolean; sink?: (line: string) => void } = {}): Logger {
  if (opts.silent && !opts.sink) return { info() {}, warn() {}, error() {} };
  const pt = new PowertoolsLogger({ serviceName: 'mend' });
  if (opts.sink) {
    const sink = opts.sink;
    const stream = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n')) if (line) sink(line);
        done();
      },
    });
    // Powertools prints through its `console`; this one writes where the test reads.
    (pt as unknown as { console: Console }).console = new Console({ stdout: stream, stderr: stream });
  }
  const data = (d?: Record<string, unknown>) => unreserved(redact(d));
  return {
    info: (m, d) => pt.info(m, data(d)),
    warn: (m, d) => pt.warn(m, data(d)),
    error: (m, d) => pt.error(m, data(d)),
  };
}

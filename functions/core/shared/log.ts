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

export function makeLogger(opts: { silent?: boolean } = {}): Logger {
  if (opts.silent) return { info() {}, warn() {}, error() {} };
  const pt = new PowertoolsLogger({ serviceName: 'mend' });
  return {
    info: (m, d) => pt.info(m, redact(d)),
    warn: (m, d) => pt.warn(m, redact(d)),
    error: (m, d) => pt.error(m, redact(d)),
  };
}

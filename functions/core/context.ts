import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import type { RawMailStore } from './shared/raw-store.js';
import type { Logger } from './shared/log.js';

export interface Secrets {
  /** HMAC key for every signed link and reply token. */
  signingSecret: string;
  /** Bearer token for the author's admin API and dashboard login. */
  adminToken: string;
}

/** Everything a domain function needs, built once per process by the AWS or the local runtime. */
export interface Ctx {
  config: Config;
  secrets: Secrets;
  db: Db;
  ses: SESv2Client;
  clock: Clock;
  rawMail: RawMailStore;
  log: Logger;
  /** Test hook: throw at a named point to prove crash safety. Never set in production. */
  faults?: Set<string>;
}

export function fault(ctx: Ctx, point: string): void {
  if (ctx.faults?.has(point)) throw new Error(`injected fault: ${point}`);
}

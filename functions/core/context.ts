import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Clock, RealTime } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import type { RawMailStore } from './shared/raw-store.js';
import type { Logger } from './shared/log.js';

export interface Secrets {
  /** HMAC key for every signed link and reply token. */
  signingSecret: string;
  /**
   * The signing secret before the last rotation, and when the current one took over: links and
   * reply tokens it signed keep working for `config.rotationGraceDays` after that (links/rotation.ts).
   */
  previousSigningSecret?: { value: string; rotatedAt: string };
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
  /**
   * Test seam, never set outside tests: called at the named steps of a send so a test can crash
   * the dispatcher there (throw) and prove nothing is sent twice or skipped. Unset, it costs one
   * property read per send.
   */
  probe?: (step: SendStep) => void | Promise<void>;
  /** Test seam, like `probe`: real time for real-world waits (clock.ts `realTime` when unset). */
  realTime?: RealTime;
}

/** The steps of one send a test can interrupt (see dispatch/reader.ts). */
export type SendStep = 'after-claim' | 'after-send';

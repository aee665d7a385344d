/**
 * Time is injected everywhere so a two-year follow-up can be tested in seconds.
 * Nothing in functions/ may call `new Date()` or `Date.now()` for app time; it asks a Clock.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to: tests, the simulator and the local dev clock use it. */
export class ManualClock implements SettableClock {
  #ms: number;
  constructor(start: Date | string | number) {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  set(to: Date | number): void {
    const ms = new Date(to).getTime();
    if (ms < this.#ms) throw new Error('a clock never moves backwards');
    this.#ms = ms;
  }
  advance(ms: number): Date {
    this.set(this.#ms + ms);
    return this.now();
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A clock the local runtime can move: real time plus an offset, so time still flows between calls. */
export interface SettableClock extends Clock {
  set(to: Date | number): void;
}

export class OffsetClock implements SettableClock {
  constructor(
    public offsetMs = 0,
    private readonly onChange?: (offsetMs: number) => void,
  ) {}
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  set(to: Date | number): void {
    const target = new Date(to).getTime();
    if (target < this.now().getTime()) return; // never backwards
    this.offsetMs = target - Date.now();
    this.onChange?.(this.offsetMs);
  }
}

/**
 * Real elapsed time and real waiting, for what happens in the real world whatever app time says:
 * an answer held to a floor (enrolment/sign-up.ts). Never app time. Injected through
 * `ctx.realTime` only by tests that must see what was waited for.
 */
export interface RealTime {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTime: RealTime = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

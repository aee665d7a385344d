/**
 * Local-time arithmetic for readers' own time zones, DST-correct, with Intl only.
 * A "local date" is a 'YYYY-MM-DD' string in the reader's zone.
 */
const fmtCache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = fmtCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    fmtCache.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock parts of an instant in a zone. */
export function localParts(at: Date, timeZone: string) {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

export function localDate(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const maxDate = (a: string, b: string) => (a > b ? a : b);

/** Offset of the zone from UTC at an instant, in ms (wall clock minus UTC). */
function offsetAt(ms: number, timeZone: string): number {
  const p = localParts(new Date(ms), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timeZone` reads `date` `hour`:00.
 * Fall-back overlap (the hour exists twice): the first one.
 * Spring-forward gap (the hour does not exist): the moment the clocks jump, i.e. the first instant after it.
 */
const instantCache = new Map<string, number>();

export function zonedInstant(date: string, hour: number, timeZone: string): Date {
  // The scheduler asks the same (date, hour, zone) for every reader in a batch: remember answers.
  const key = `${date}|${hour}|${timeZone}`;
  const hit = instantCache.get(key);
  if (hit !== undefined) return new Date(hit);
  const at = computeZonedInstant(date, hour, timeZone);
  if (instantCache.size > 50_000) instantCache.clear();
  instantCache.set(key, at);
  return new Date(at);
}

function computeZonedInstant(date: string, hour: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour);
  const before = offsetAt(wall - 86_400_000, timeZone);
  const after = offsetAt(wall + 86_400_000, timeZone);
  const candidates = [wall - before, wall - after]
    .filter((t) => wall - t === offsetAt(t, timeZone))
    .sort((a, b) => a - b);
  return candidates[0] ?? wall - before;
}

const pad = (n: number) => String(n).padStart(2, '0');

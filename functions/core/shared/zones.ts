/**
 * Time zone names for people. Node 20's Intl lists some zones by their legacy names
 * (Asia/Calcutta, Europe/Kiev) and leaves out UTC; browsers report either form. Readers see and
 * pick current names, and a zone is compared by what it is, never by how it is spelled.
 */
import { isValidTimeZone } from './time.js';

/** Legacy names Intl may list or report, and their current names (IANA backward links). */
const CURRENT: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Dacca': 'Asia/Dhaka',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Thimbu': 'Asia/Thimphu',
  'Asia/Ulan_Bator': 'Asia/Ulaanbaatar',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Samoa': 'Pacific/Pago_Pago',
  'Etc/UTC': 'UTC',
  'Etc/UCT': 'UTC',
  'Etc/Universal': 'UTC',
  'Etc/Zulu': 'UTC',
  'Etc/GMT': 'UTC',
  UCT: 'UTC',
  Universal: 'UTC',
  Zulu: 'UTC',
};

/** The current name of a zone (its own name if it has no other, or if this runtime lacks the new one). */
export function canonicalZone(zone: string): string {
  const to = CURRENT[zone];
  return to && isValidTimeZone(to) ? to : zone;
}

/** The legacy names this runtime understands, by their current names: for a browser that reports either. */
export const zoneAliases = (): Record<string, string> =>
  Object.fromEntries(Object.entries(CURRENT).filter(([, to]) => isValidTimeZone(to)));

let cached: string[] | undefined;

/** Every zone Intl knows, by current names, UTC included, sorted. */
export function zoneList(): string[] {
  if (!cached) {
    let all: string[];
    try {
      all = Intl.supportedValuesOf('timeZone');
    } catch {
      all = [];
    }
    cached = [...new Set([...all.map(canonicalZone), 'UTC'])].sort();
  }
  return cached;
}

/** The list for a form with `selected` chosen: the reader's own zone is always there, by its current name. */
export function zoneOptions(selected: string | undefined): { zones: string[]; selected: string } {
  const current = canonicalZone(selected && isValidTimeZone(selected) ? selected : 'UTC');
  const zones = zoneList();
  return { zones: zones.includes(current) ? zones : [...zones, current].sort(), selected: current };
}

export const sameZone = (a: string, b: string) => canonicalZone(a) === canonicalZone(b);

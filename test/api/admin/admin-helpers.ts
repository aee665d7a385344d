import type { TestStack } from '../../helpers/stack.js';

/** The admin token every test stack gets (test/helpers/stack.ts). */
export const ADMIN_TOKEN = 'test-admin-token';
export const ORIGIN = 'http://localhost:3000';

export const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** An authenticated admin API call; JSON bodies for POSTs. */
export function api(stack: TestStack, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  return stack.app.request(`/api/admin${path}`, {
    method,
    headers: { ...bearer, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
}

export async function apiJson<T = Record<string, unknown>>(stack: TestStack, path: string, init: Parameters<typeof api>[2] = {}): Promise<T> {
  const res = await api(stack, path, init);
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Logs in through the form; returns the Cookie header value for later requests. */
export async function login(stack: TestStack, token = ADMIN_TOKEN): Promise<string> {
  const res = await stack.app.request('/admin/login', {
    method: 'POST',
    body: new URLSearchParams({ token, next: '/admin' }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
  });
  if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** A dashboard page (GET) or form post (POST, same-origin) with the session cookie. */
export function dash(stack: TestStack, cookie: string, path: string, form?: Record<string, string | string[]>) {
  if (!form) return stack.app.request(path, { headers: { cookie } });
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return stack.app.request(path, { method: 'POST', body, headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' } });
}

/** Minimal RFC 4180 parser for checking exports (quoted fields, doubled quotes, CRLF inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\ufeff/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && s[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** CSV rows as objects keyed by the header row. */
export function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

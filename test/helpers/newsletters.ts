import { putReaders, type Reader } from '../../functions/core/db/readers.js';
import { newId } from '../../functions/core/shared/ids.js';
import { api, apiJson } from '../api/admin/admin-helpers.js';
import { header, inbox, json, linkIn, uniqueEmail, validEnrolment, type StoredEmail, type TestStack } from './stack.js';

/** A reader as the persistence layer stores it, confirmed, with the newsletter on (bulk seeding for large segments). */
export function seededReader(over: Partial<Reader> = {}): Reader {
  return {
    id: newId(),
    email: uniqueEmail('nl'),
    firstName: 'Sam',
    situation: 'stress',
    track: 'stress',
    timezone: 'Europe/London',
    sendHour: 8,
    followUpConsent: false,
    followUpStopped: false,
    newsletter: true,
    newsletterOnAt: '2026-01-01T00:00:00.000Z',
    course: true,
    status: 'completed',
    createdAt: '2026-01-01T00:00:00.000Z',
    enrolledOn: '2026-01-01',
    confirmedAt: '2026-01-01T00:00:00.000Z',
    confirmSentAt: [],
    sendSeq: 0,
    sends: [],
    repliedSeqs: [],
    outbox: [],
    ver: 1,
    ...over,
  };
}

export async function seed(stack: TestStack, readers: Reader[]): Promise<Reader[]> {
  await putReaders(stack.ctx, readers);
  return readers;
}

/** A real sign-up through the API and the emailed confirmation link; returns the address. */
export async function signUp(stack: TestStack, over: Record<string, unknown> = {}): Promise<string> {
  const body = validEnrolment({ newsletter: true, ...over });
  const res = await stack.app.request('/api/enroll', json(body));
  if (res.status !== 202) throw new Error(`enroll: ${res.status} ${await res.text()}`);
  const confirmation = (await inbox(stack, body.email as string)).find((m) => header(m, 'X-Mend-Kind') === 'confirmation')!;
  const ok = await stack.app.request(linkIn(confirmation, '/confirm?token='));
  if (ok.status !== 200) throw new Error(`confirm: ${ok.status}`);
  return body.email as string;
}

export async function newIssue(stack: TestStack, over: Record<string, unknown> = {}): Promise<string> {
  const res = await api(stack, '/newsletters', { body: { subject: 'A letter for the quiet weeks', previewText: 'One small thing to try', markdown: 'Hello **there**.\n\nA [link](https://example.test/a).', ...over } });
  if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

export const issue = (stack: TestStack, id: string) => apiJson<Record<string, unknown> & { status: string; recipients: number; sent: number; failed: number }>(stack, `/newsletters/${id}`);

/** Newsletter copies an address received (of one issue, if given). */
export async function copies(stack: TestStack, to: string, issueId?: string): Promise<StoredEmail[]> {
  return (await inbox(stack, to)).filter((m) => header(m, 'X-Mend-Kind') === 'newsletter' && (!issueId || header(m, 'X-Mend-Ref') === issueId));
}

/** How many copies of an issue each of these addresses received. */
export async function copyCounts(stack: TestStack, issueId: string, addresses: string[]): Promise<Map<string, number>> {
  const res = await fetch(`${stack.urls.inbox}/store`);
  const { emails } = (await res.json()) as { emails: StoredEmail[] };
  const want = new Set(addresses.map((a) => a.toLowerCase()));
  const counts = new Map(addresses.map((a) => [a.toLowerCase(), 0]));
  for (const e of emails) {
    if (header(e, 'X-Mend-Ref') !== issueId) continue;
    for (const t of e.destination.to) if (want.has(t.toLowerCase())) counts.set(t.toLowerCase(), counts.get(t.toLowerCase())! + 1);
  }
  return counts;
}

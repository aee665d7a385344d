import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startStack } from '../../functions/local/stack.js';
import { inbox, json, validEnrolment } from '../helpers/stack.js';

/** An email as the SES emulator stores it (what inbox.jsonl holds, one per line). */
const stored = (to: string, subject: string, n: number) => ({
  messageId: `ses-test-${n}`,
  from: 'Mend <lessons@mend.localhost>',
  replyTo: [],
  destination: { to: [to], cc: [], bcc: [] },
  subject,
  body: { text: `${subject} (text)`, html: `<p>${subject}</p>` },
  headers: [{ name: 'X-Mend-Kind', value: 'lesson' }],
  at: 1_790_000_000 + n,
});

const dirs: string[] = [];
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'mend-inboxfile-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const fileLines = (dir: string) => readFileSync(join(dir, 'inbox.jsonl'), 'utf8').split('\n').filter(Boolean);

describe('the local inbox file', () => {
  it('starts with a truncated inbox file, keeping every whole email and counting the cut-off line', async () => {
    const dir = folder();
    const to = `cut.${Date.now()}@example.com`;
    const whole = [stored(to, 'First', 1), stored(to, 'Second', 2)].map((e) => JSON.stringify(e));
    // A kill in the middle of a write: the last line stops inside a string.
    const cut = JSON.stringify(stored(to, 'Third', 3)).slice(0, 80);
    writeFileSync(join(dir, 'inbox.jsonl'), [...whole, 'not json at all', cut].join('\n'));

    const stack = await startStack({ dataDir: dir, silent: true });
    try {
      expect(stack.inbox).toMatchObject({ restored: 2, skipped: 2 });
      expect((await inbox(stack, to)).map((e) => e.subject)).toEqual(['First', 'Second']);
      // The next email lands on a line of its own: the file reads whole again.
      const body = validEnrolment();
      expect((await stack.app.request('/api/enroll', json(body))).status).toBe(202);
      const lines = fileLines(dir).map((l) => JSON.parse(l) as { subject: string; destination: { to: string[] } });
      expect(lines.map((l) => l.subject).slice(0, 2)).toEqual(['First', 'Second']);
      expect(lines.some((l) => l.destination.to.includes(body.email))).toBe(true);
    } finally {
      await stack.close();
    }
  });

  it('has each email in the file by the time its send is reported done', async () => {
    const dir = folder();
    const stack = await startStack({ dataDir: dir, silent: true });
    try {
      for (let i = 0; i < 5; i++) {
        const body = validEnrolment();
        expect((await stack.app.request('/api/enroll', json(body))).status).toBe(202);
        // Read at once, not after the background flush: a kill -9 right now must not lose it.
        expect(fileLines(dir).some((l) => l.includes(body.email))).toBe(true);
      }
    } finally {
      await stack.close();
    }
  });

  it('starts with an empty inbox when the file is only a cut-off line', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'inbox.jsonl'), '{"messageId":"ses-1","subj');
    const stack = await startStack({ dataDir: dir, silent: true });
    try {
      expect(stack.inbox).toMatchObject({ restored: 0, skipped: 1 });
      expect((await stack.app.request('/health')).status).toBe(200);
      expect(fileLines(dir)).toEqual([]);
    } finally {
      await stack.close();
    }
  });
});

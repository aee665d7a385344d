import { describe, expect, it } from 'vitest';
import { itemIdOf, messageKey, senderVerified } from '../../../functions/core/replies/identity.js';
import { capUtf8 } from '../../../functions/core/replies/text.js';
import { splitUtf8 } from '../../../functions/core/db/reply-texts.js';

describe('senderVerified', () => {
  it('does vouch for a sender only when SPF or DKIM pass and DMARC passes', () => {
    const cases: [Parameters<typeof senderVerified>[0], boolean][] = [
      [undefined, false],
      [{}, false],
      [{ spf: 'PASS', dkim: 'PASS' }, false], // no DMARC verdict: not verified
      [{ spf: 'PASS', dkim: 'PASS', dmarc: 'FAIL' }, false],
      [{ spf: 'PASS', dkim: 'PASS', dmarc: 'GRAY' }, false],
      [{ spf: 'FAIL', dkim: 'FAIL', dmarc: 'PASS' }, false],
      [{ spf: 'GRAY', dkim: 'PROCESSING_FAILED', dmarc: 'PASS' }, false],
      [{ spf: 'PASS', dkim: 'FAIL', dmarc: 'PASS' }, true],
      [{ spf: 'FAIL', dkim: 'PASS', dmarc: 'PASS' }, true],
      [{ dkim: 'PASS', dmarc: 'PASS' }, true],
    ];
    for (const [v, want] of cases) expect(senderVerified(v), JSON.stringify(v)).toBe(want);
  });
});

describe('messageKey', () => {
  it('does give one message the same identity on every delivery, whatever the delivery id', () => {
    const msg = { messageId: '<abc@mail.example>', from: 'sam@example.com' };
    expect(messageKey(msg, 'ses-1')).toBe(messageKey(msg, 'ses-2'));
    expect(messageKey({ ...msg, messageId: 'abc@mail.example' }, 'x')).toBe(messageKey(msg, 'y'));
    expect(messageKey({ ...msg, from: 'Sam@Example.com' }, 'x')).toBe(messageKey(msg, 'y'));
  });

  it('does keep one sender from claiming another sender\'s Message-ID', () => {
    expect(messageKey({ messageId: '<abc@x>', from: 'a@example.com' }, 'd')).not.toBe(messageKey({ messageId: '<abc@x>', from: 'b@example.com' }, 'd'));
  });

  it('does fall back to the delivery without a Message-ID', () => {
    expect(messageKey({ from: 'a@example.com' }, 'ses-1')).toBe(messageKey(null, 'ses-1'));
    expect(messageKey(null, 'ses-1')).not.toBe(messageKey(null, 'ses-2'));
    expect(itemIdOf(messageKey(null, 'ses-1'))).toHaveLength(20);
  });
});

describe('capUtf8 and splitUtf8', () => {
  it('does cut at a character boundary, never inside one', () => {
    const text = 'ü'.repeat(10) + '🌿'.repeat(10); // 2 and 4 bytes a character
    for (let n = 1; n < Buffer.byteLength(text); n++) {
      const c = capUtf8(text, n);
      expect(Buffer.byteLength(c.text)).toBeLessThanOrEqual(n);
      expect(text.startsWith(c.text)).toBe(true);
      expect(c.text).not.toContain('\ufffd');
    }
    expect(capUtf8('short', 100)).toEqual({ text: 'short', truncated: false, bytes: 5 });
  });

  it('does split into parts that join back to the text, each within the size', () => {
    const text = 'Ça va 🌿 '.repeat(5000);
    const parts = splitUtf8(text, 1000);
    expect(parts.join('')).toBe(text);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(1000);
  });
});

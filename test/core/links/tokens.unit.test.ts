import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReplyToken, replyToken, sign, verify } from '../../../functions/core/links/tokens.js';

const SECRET = 'a-test-signing-secret-of-enough-length';
const NOW = new Date('2026-05-01T12:00:00Z');
const LATER = new Date('2026-06-01T12:00:00Z');

describe('signed link tokens', () => {
  it('verify what they were signed for, until they expire', () => {
    const t = sign(SECRET, 'choice', 'abcdefgh', LATER, { b: 'stress-talk', c: 'talking', s: 5 });
    expect(verify(SECRET, t, 'choice', NOW)).toMatchObject({ ok: true, payload: { r: 'abcdefgh', b: 'stress-talk', c: 'talking', s: 5 } });
    expect(verify(SECRET, t, 'choice', new Date('2026-06-02T00:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuse another purpose, another secret, and any change to the token', () => {
    const t = sign(SECRET, 'prefs', 'abcdefgh', LATER);
    expect(verify(SECRET, t, 'unsub', NOW)).toEqual({ ok: false, reason: 'wrong-purpose' });
    expect(verify('another-secret', t, 'prefs', NOW)).toEqual({ ok: false, reason: 'forged' });
    fc.assert(
      fc.property(fc.nat(t.length - 1), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'), (i, ch) => {
        fc.pre(t[i] !== ch);
        const altered = t.slice(0, i) + ch + t.slice(i + 1);
        expect(verify(SECRET, altered, 'prefs', NOW).ok).toBe(false);
      }),
    );
  });

  it('never throw on garbage', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (s) => {
        expect(verify(SECRET, s, 'prefs', NOW).ok).toBe(false);
        expect(parseReplyToken(SECRET, s)).toBeNull();
      }),
    );
  });
});

describe('reply tokens', () => {
  it('name the reader and the send, survive lower-casing, and are useless for unsubscribing', () => {
    const t = replyToken(SECRET, 'abcdefghijkl', 12);
    expect(parseReplyToken(SECRET, t)).toEqual({ readerId: 'abcdefghijkl', seq: 12 });
    expect(parseReplyToken(SECRET, t.toUpperCase())).toEqual({ readerId: 'abcdefghijkl', seq: 12 });
    expect(parseReplyToken(SECRET, t, 'unsub')).toBeNull();
    expect(parseReplyToken(SECRET, t.replace('-12-', '-13-'))).toBeNull();
  });
});

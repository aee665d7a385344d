import { describe, expect, it } from 'vitest';
import { redact } from '../../functions/core/shared/log.js';

describe('log redaction', () => {
  it('drops personal fields and masks addresses inside messages', () => {
    expect(
      redact({ readerId: 'abc', email: 'a@b.c', firstName: 'Ann', text: 'my story', message: 'Email address is not verified: ann@example.com' }),
    ).toEqual({ readerId: 'abc', email: '[redacted]', firstName: '[redacted]', text: '[redacted]', message: 'Email address is not verified: [email]' });
  });
});

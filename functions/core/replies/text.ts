/** The reader's words kept on the reply item: enough for any real reply, far below DynamoDB's 400 KB item limit. */
export const TEXT_CAP_BYTES = 64 * 1024;

/** At most `bytes` of UTF-8, cut at a character boundary. */
export function capUtf8(text: string, bytes = TEXT_CAP_BYTES): { text: string; truncated: boolean; bytes: number } {
  const buf = Buffer.from(text, 'utf8');
  if (buf.byteLength <= bytes) return { text, truncated: false, bytes: buf.byteLength };
  let end = bytes;
  while (end > 0 && (buf[end]! & 0xc0) === 0x80) end--; // back to the start of a character
  return { text: buf.subarray(0, end).toString('utf8'), truncated: true, bytes: buf.byteLength };
}

/** Short fields too: a subject or an address is never a way to fill an item. */
export const capChars = (s: string | undefined, n: number) => (s && s.length > n ? s.slice(0, n) : s);

/** Builders for raw inbound messages the way real mail clients write them. */
export interface RawOpts {
  from: string;
  fromName?: string;
  to: string;
  subject?: string;
  inReplyTo?: string;
  date?: string;
  headers?: Record<string, string>;
}

const head = (o: RawOpts, extra: string[]) =>
  [
    `From: ${o.fromName ? `${encodeName(o.fromName)} ` : ''}<${o.from}>`,
    `To: ${o.to}`,
    `Subject: ${encodeName(o.subject ?? 'Re: Your lesson')}`,
    `Date: ${o.date ?? 'Mon, 02 Mar 2026 10:00:00 +0000'}`,
    `Message-ID: <${Math.random().toString(36).slice(2)}@mail.example>`,
    ...(o.inReplyTo ? [`In-Reply-To: <${o.inReplyTo}>`, `References: <${o.inReplyTo}>`] : []),
    'MIME-Version: 1.0',
    ...Object.entries(o.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    ...extra,
  ].join('\r\n');

/** RFC 2047 for non-ASCII display names and subjects. */
const encodeName = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`);
const b64 = (s: string) => Buffer.from(s).toString('base64').replace(/.{76}/g, '$&\r\n');

export const plain = (o: RawOpts, body: string) =>
  `${head(o, ['Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64'])}\r\n\r\n${b64(body)}\r\n`;

export const htmlOnly = (o: RawOpts, html: string) =>
  `${head(o, ['Content-Type: text/html; charset=UTF-8', 'Content-Transfer-Encoding: base64'])}\r\n\r\n${b64(html)}\r\n`;

export function alternative(o: RawOpts, text: string, html: string, attachments: { name: string; type: string; data: Buffer }[] = []) {
  const alt = 'alt-boundary-42';
  const mixed = 'mixed-boundary-42';
  const altPart = [
    `Content-Type: multipart/alternative; boundary="${alt}"`,
    '',
    `--${alt}`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64(text),
    `--${alt}`,
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64(html),
    `--${alt}--`,
  ].join('\r\n');
  if (!attachments.length) return `${head(o, [])}\r\n${altPart}\r\n`;
  const parts = attachments.map((a) =>
    [`--${mixed}`, `Content-Type: ${a.type}; name="${a.name}"`, `Content-Disposition: attachment; filename="${a.name}"`, 'Content-Transfer-Encoding: base64', '', a.data.toString('base64').replace(/.{76}/g, '$&\r\n')].join('\r\n'),
  );
  return `${head(o, [`Content-Type: multipart/mixed; boundary="${mixed}"`])}\r\n\r\n--${mixed}\r\n${altPart}\r\n${parts.join('\r\n')}\r\n--${mixed}--\r\n`;
}

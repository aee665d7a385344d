import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import EmailReplyParser from 'email-reply-parser';
import { htmlToText } from '../mailer/plain-text.js';

/** What we keep from an inbound message. Parsing never throws past parseMessage. */
export interface ParsedMessage {
  messageId?: string;
  from?: string;
  fromName?: string;
  to: string[];
  subject: string;
  date?: string;
  inReplyTo?: string;
  references: string[];
  /** The reader's own words: quoted history and signature stripped. */
  text: string;
  /** Everything, for the author and for when the stripping was wrong. */
  fullText: string;
  attachments: { filename?: string; contentType: string; size: number }[];
  /** Out-of-office, auto-responders and bounces: logged, never treated as progress. */
  automatic: null | 'auto-reply' | 'bounce';
}

const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => (v.address ?? '').toLowerCase())).filter(Boolean);

const AUTO_SUBJECT =
  /^(auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office|abwesend|abwesenheitsnotiz|r[ée]ponse automatique|absence|on vacation|autosvar|automatisch antwoord)\b|^auto:/i;

function automatic(mail: ParsedMail, from: string | undefined): ParsedMessage['automatic'] {
  const h = (name: string) => String(mail.headers.get(name) ?? '').toLowerCase();
  const type = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (/^(mailer-daemon|postmaster)@/i.test(from ?? '') || (type?.value === 'multipart/report' && type.params?.['report-type'] === 'delivery-status'))
    return 'bounce';
  const auto = h('auto-submitted');
  if (auto && auto !== 'no') return 'auto-reply';
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond') || mail.headers.has('x-autoresponse')) return 'auto-reply';
  if (['auto_reply', 'auto-reply', 'bulk', 'junk'].includes(h('precedence'))) return 'auto-reply';
  if (mail.headers.has('x-auto-response-suppress') && AUTO_SUBJECT.test(mail.subject ?? '')) return 'auto-reply';
  if (AUTO_SUBJECT.test(mail.subject ?? '')) return 'auto-reply';
  return null;
}

/** Drops quoted history from an HTML body before turning it into text (HTML-only replies). */
function stripHtmlQuotes(html: string): string {
  return html
    .replace(/<div[^>]*class="?gmail_quote[\s\S]*$/i, '') // Gmail: everything from the quote on
    .replace(/<div[^>]*id="?(appendonsend|divRplyFwdMsg)[\s\S]*$/i, '') // Outlook
    .replace(/<blockquote[\s\S]*?<\/blockquote>/gi, '') // Apple Mail and most others
    .replace(/<hr[^>]*>[\s\S]*?(From|Von|De|Da):[\s\S]*$/i, '');
}

/** A line that only separates: dashes, underscores, equals signs, stars, an em or en dash. */
const SEPARATOR = /^[ \t]*(?:[-_=*~]{2,}|[—–])[ \t]*$/;
/** A quoted message's header block under a separator (Outlook, some webmails): From: ... Sent:/Date: ... */
const HEADER_FROM = /^[ \t]*\*?(?:From|Von|De|Da|Van):\*?\s/i;
const HEADER_SENT = /^[ \t]*\*?(?:Sent|Date|Gesendet|Envoyé|Datum|Inviato|Enviado|Verzonden):\*?\s/i;

/**
 * What the quote stripper leaves behind: a separator line the client put above the quoted history
 * (with or without the history's header block under it), and trailing separators or a bare "--".
 */
export function stripResidue(text: string): string {
  const lines = text.split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    if (!SEPARATOR.test(lines[i]!)) continue;
    const next = lines.slice(i + 1).findIndex((l) => l.trim() !== '');
    const from = next < 0 ? -1 : i + 1 + next;
    if (from >= 0 && HEADER_FROM.test(lines[from]!) && lines.slice(from + 1, from + 5).some((l) => HEADER_SENT.test(l))) {
      end = i;
      break;
    }
  }
  const kept = lines.slice(0, end);
  while (kept.length && (kept.at(-1)!.trim() === '' || SEPARATOR.test(kept.at(-1)!))) kept.pop();
  return kept.join('\n').trim();
}

export function visibleText(text: string): string {
  try {
    return stripResidue(new EmailReplyParser().read(text).getVisibleText().trim());
  } catch {
    return stripResidue(text.trim());
  }
}

export async function parseMessage(raw: Uint8Array): Promise<ParsedMessage> {
  const mail = await simpleParser(Buffer.from(raw), { skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true });
  const from = addresses(mail.from)[0];
  const html = typeof mail.html === 'string' ? mail.html : '';
  const fullText = (mail.text ?? (html ? htmlToText(html) : '')).replace(/\r\n/g, '\n').trim();
  // Plain text when the sender gave one; otherwise the HTML with its quotes removed first.
  const base = mail.text ? mail.text : html ? htmlToText(stripHtmlQuotes(html)) : '';
  return {
    messageId: mail.messageId,
    from,
    fromName: mail.from?.value[0]?.name || undefined,
    to: [...addresses(mail.to), ...addresses(mail.cc), ...addresses(mail.headers.get('delivered-to') as AddressObject | undefined)],
    subject: mail.subject ?? '',
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : undefined,
    inReplyTo: mail.inReplyTo,
    references: Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [],
    text: visibleText(base.replace(/\r\n/g, '\n')),
    fullText,
    attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size })),
    automatic: automatic(mail, from),
  };
}

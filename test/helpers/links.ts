import type { StoredEmail } from './stack.js';

/** The payload of a signed link token (its first part), as the links in an email carry it. */
export const tokenPayload = (path: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(path.split('/')[2]!.split('?')[0]!.split('.')[0]!, 'base64url').toString());

/** Every link in an email's text whose path starts with `prefix` (e.g. '/choose/'), as paths. */
export const linksIn = (mail: StoredEmail, prefix: string) =>
  [...(mail.body.text ?? '').matchAll(new RegExp(`https?://[^/\\s]+(${prefix}[^\\s)"<>]+)`, 'g'))].map((m) => m[1]!);

/** The branch-choice link for `choice` in an email. */
export function choiceLink(mail: StoredEmail, choice: string): string {
  const link = linksIn(mail, '/choose/').find((l) => tokenPayload(l).c === choice);
  if (!link) throw new Error(`no '${choice}' choice in "${mail.subject}"`);
  return link;
}

/** The "tell me what happened" footer link for `event` in a lesson. */
export function happenedLink(mail: StoredEmail, event: string): string {
  const link = linksIn(mail, '/happened/').find((l) => tokenPayload(l).e === event);
  if (!link) throw new Error(`no '${event}' link in "${mail.subject}"`);
  return link;
}

/** The email's text with line wrapping undone, so a sentence can be found whatever the wrap. */
export const prose = (mail: StoredEmail) => (mail.body.text ?? '').replace(/\s+/g, ' ');

/**
 * Every key shape in the table lives here and nowhere else. See README "Data model".
 *
 *  entity            pk                      sk                          indexes
 *  reader            READER#<id>             PROFILE                     due (when something is due), readers
 *  email lookup      EMAIL#<address>         EMAIL                       -
 *  reply             READER#<id>             REPLY#<receivedAt>#<id>     list: INBOX#<unreviewed|reviewed>
 *  branch choice     READER#<id>             CHOICE#<at>#<branch>        -
 *  outcome           READER#<id>             OUTCOME#<checkpoint>        list: OUTCOMES
 *  author note       READER#<id>             NOTE#<at>#<id>              -
 *  sent marker       READER#<id>             SENTMARK#<seq>              -
 *  unmatched mail    MAIL#<id>               UNMATCHED                   list: INBOX#unmatched
 *  counter           AGG#<family>            <dimensions>                -
 *  failed sign-ins   THROTTLE#<purpose>      <address hash>#<window>     - (expires with its window)
 */
export const PREFIX = {
  reader: 'READER#',
  email: 'EMAIL#',
  reply: 'REPLY#',
  choice: 'CHOICE#',
  outcome: 'OUTCOME#',
  note: 'NOTE#',
  sentMark: 'SENTMARK#',
  mail: 'MAIL#',
  agg: 'AGG#',
  due: 'DUE#',
  inbox: 'INBOX#',
  throttle: 'THROTTLE#',
} as const;

export const readerKey = (id: string) => ({ pk: PREFIX.reader + id, sk: 'PROFILE' });
export const emailKey = (email: string) => ({ pk: PREFIX.email + email, sk: 'EMAIL' });
export const replyKey = (readerId: string, receivedAt: string, id: string) => ({
  pk: PREFIX.reader + readerId,
  sk: `${PREFIX.reply}${receivedAt}#${id}`,
});
export const choiceKey = (readerId: string, at: string, branch: string) => ({
  pk: PREFIX.reader + readerId,
  sk: `${PREFIX.choice}${at}#${branch}`,
});
export const outcomeKey = (readerId: string, checkpoint: string) => ({
  pk: PREFIX.reader + readerId,
  sk: PREFIX.outcome + checkpoint,
});
export const noteKey = (readerId: string, at: string, id: string) => ({
  pk: PREFIX.reader + readerId,
  sk: `${PREFIX.note}${at}#${id}`,
});
export const sentMarkKey = (readerId: string, seq: number) => ({
  pk: PREFIX.reader + readerId,
  sk: PREFIX.sentMark + String(seq).padStart(6, '0'),
});
export const unmatchedKey = (id: string) => ({ pk: PREFIX.mail + id, sk: 'UNMATCHED' });
export const counterKey = (family: string, dims: string) => ({ pk: PREFIX.agg + family, sk: dims });
export const throttleKey = (purpose: string, addressHash: string, windowStart: number) => ({
  pk: PREFIX.throttle + purpose,
  sk: `${addressHash}#${windowStart}`,
});

/** Which due shard a reader lives in: stable, spreads readers evenly. */
export function dueShard(readerId: string, shards: number): number {
  let h = 2166136261;
  for (let i = 0; i < readerId.length; i++) h = Math.imul(h ^ readerId.charCodeAt(i), 16777619);
  return (h >>> 0) % shards;
}
export const duePk = (shard: number) => `${PREFIX.due}${shard}`;
export const dueSk = (dueAt: string, readerId: string) => `${dueAt}#${readerId}`;
/** Upper bound for "due at or before t": '~' sorts after every reader id character. */
export const dueUpTo = (t: string) => `${t}#~`;

export const READERS_LIST = 'READERS';
export const readerListSk = (createdAt: string, id: string) => `${createdAt}#${id}`;
export const inboxPk = (box: 'unreviewed' | 'reviewed' | 'unmatched') => PREFIX.inbox + box;
export const inboxSk = (receivedAt: string, id: string) => `${receivedAt}#${id}`;

export const OUTCOMES_LIST = 'OUTCOMES';
export const outcomeListSk = (at: string, readerId: string, checkpoint: string) => `${at}#${readerId}#${checkpoint}`;

export const readerIdFromPk = (pk: string) => pk.slice(PREFIX.reader.length);

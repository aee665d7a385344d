
/**
 * Recognises progress signals in a reader's reply to a lesson email.
 *
 * Deliberately conservative: a wrong signal can move a reader down the wrong
 * branch of the course, while a missed one only costs a follow-up question.
 * So every pattern needs an explicit subject next to its verb ("I texted him",
 * "he texted me"), and a match is dropped when its clause is negated,
 * hypothetical (wish, hope, fear, plan, condition), a question, or a dream.
 * Pure: no I/O, no clock, no randomness.
 *
 * What a reply means depends on where the course has the reader (see course/contact.ts): while it
 * asks them to make contact (a reconnect lesson, the stress track's calm break message), "I texted
 * him", "I reached out", "I sent it" are that step done (`reached-out-as-planned`), never a slip.
 */

export { Signal, type Recognised } from './kinds.js';
import type { Recognised, Signal } from './kinds.js';

const MAX_EVIDENCE = 200;
const MAX_DAY = 1000;
/** Real replies are a few paragraphs; reading only this much bounds the cost of a pasted novel. */
const MAX_INPUT = 20_000;

// ---------------------------------------------------------------------------
// Vocabulary. Plain strings, composed into the rules below.
// ---------------------------------------------------------------------------

const alt = (...parts: string[]) => `(?:${parts.join('|')})`;

/**
 * Words allowed between a subject and its verb. A whitelist rather than "any
 * word", so "I never texted", "I almost called", "he probably is dating" can't
 * match: the negating or hedging word simply isn't on the list.
 */
const ADV = alt(
  'just', 'finally', 'actually', 'accidentally', 'stupidly', 'impulsively', 'drunkenly', 'drunk', 'also',
  'then', 'already', 'kinda', 'kind of', 'sorta', 'totally', 'literally', 'secretly', 'sadly',
  'unfortunately', 'officially', 'really', 'basically', 'randomly', 'suddenly', 'even', 'now', 'honestly',
  'genuinely', 'truly', 'completely', 'fully', 'so', 'definitely', 'apparently', 'recently', 'like',
  'pretty much', 'lowkey', 'low key', 'foolishly', 'weakly', 'obviously', 'clearly', 'openly', 'slowly',
  'happily', 'way', 'once again',
);
const advs = (n: number) => `(?:${ADV}\\s+){0,${n}}`;

/** "I", "I've", "Ive", "I have", "I had". */
const I_HAVE = String.raw`\bI(?:'ve|ve|\s+have|\s+had)?`;
/** "I'm", "Im", "I am". */
const I_AM = String.raw`\bI(?:'m|m|\s+am)`;

const EX_KIND = alt('bf', 'gf', 'boyfriend', 'girlfriend', 'husband', 'hubby', 'wife', 'partner', 'fianc[eé]e?');
/** "'s" as "is/has" ("my ex's been texting me"), not a possessive ("my ex's sister"). */
const NOT_POSSESSIVE = String.raw`(?!'s\b(?!\s+(?:been|got|gotten|dating|seeing|texting|messaging|calling|engaged|married|with|in|already|now|back|started|moved)\b))`;
/** "ex", "ex bf", "ex-girlfriend"; never the possessive "ex's" (that is someone else). */
const EX_NOUN = String.raw`ex\b(?![-\s]?${EX_KIND}'s)(?:[-\s]?${EX_KIND})?\b${NOT_POSSESSIVE}`;

/** People a "her" can belong to: "I texted her sister" is not contact with the ex. */
const PEOPLE = alt(
  'mom', 'mum', 'mother', 'dad', 'father', 'sister', 'brother', 'sis', 'bro', 'friends?', 'bestie',
  'best\\s+friend', 'family', 'parents', 'cousin', 'aunt', 'uncle', 'roommate', 'boss', 'coworker',
  'colleague', 'new', 'kids?', 'son', 'daughter', 'grandma', 'grandmother', 'neighbou?r', 'therapist',
);
/** The ex as an object: him, her, them, my ex, the ex, my ex bf. */
const EX_OBJ = alt('him', `her(?!\\s+${PEOPLE}\\b)`, 'them', `my\\s+${EX_NOUN}`, `the\\s+${EX_NOUN}`);
/** The ex as a subject. "they" has its own narrower rule: "they called me about the job" is usually a company. */
const EX_SUBJ = alt(`my\\s+${EX_NOUN}`, `the\\s+${EX_NOUN}`, EX_NOUN, 'he', 'she');

const TEXT_PAST = alt(
  'texted', 'txted', 'texed', "text'd", "txt'd", 'txtd', 'messaged', 'messeged', 'msged', "msg'd", 'msgd',
  'dmed', "dm'd", "dm'ed", 'dmd', 'pmed', "pm'd", 'snapchatted', 'whatsapped', "whatsapp'd",
);
const CONTACT_PAST = alt(
  TEXT_PAST, 'called', 'rang', 'phoned', 'facetimed', 'face-?timed', 'e-?mailed', 'contacted', 'wrote',
  'voice-?noted',
);
const CONTACT_ING = alt(
  'texting', 'txting', 'messaging', 'msging', "dm'?ing", 'calling', 'ringing', 'phoning', 'facetiming',
  'e-?mailing', 'snapchatting', 'contacting', 'reaching out',
);

/** No contact, NC, no-contact, n.c. */
const NC = String.raw`(?:no[\s-]?contact|\bnc\b|\bn\.c\.?)`;

/** A clause ends here, or continues only with a time or channel, so nothing else is the object. */
const TAIL_STRICT = String.raw`(?=\s*(?:$|[.,!?;:)…~*\-–—]|(?:again|last|yesterday|today|tonight|this|earlier|out of the blue|first|after|randomly|twice|at\s+\d|around\s+\d|on\s+(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|insta|instagram|ig|whatsapp|facebook|fb|snap|snapchat|the phone|my birthday|his birthday|her birthday)|via|over|through|lol|haha|omg|ugh|asking|saying|to say|to ask|late|at night)\b))`;
/** As TAIL_STRICT, but also "and/but/so ...": "he called and asked to meet". */
const TAIL = String.raw`(?=\s*(?:$|[.,!?;:)…~*\-–—]|(?:and|but|so)\b)|${TAIL_STRICT.slice(3, -1)})`;

/** Casual openers before a subject-less sentence: "Update: texted him last night". */
const FILLER = String.raw`(?:(?:so+|and|well|ok|okay|ugh|welp|yeah|yep|lol|omg|update|confession|anyway|anyways|um+|hey|hi|also|but|plus|quick update|news)[\s,:!.\-]+)*`;

/** A new partner, for "saw her with another guy", "he's seeing someone new". */
const PARTNER = alt(
  'girlfriend', 'boyfriend', 'gf', 'bf', 'partner', 'fianc[eé]e?', 'lover', 'husband', 'wife', 'man',
  'woman', 'girl', 'guy', 'boo', 'date', 'fling', 'rebound', 'situationship',
);
const NEW_PERSON = alt(
  String.raw`(?:someone|somebody)(?:\s+(?:new|else))?`,
  String.raw`(?:another|a\s+new|some|this|that|a)\s+(?:new\s+|different\s+|younger\s+|older\s+)?(?:girl|guy|woman|man|person|dude|chick|lady|boy|gal|date|girlfriend|boyfriend|gf|bf)\b`,
  String.raw`(?:his|her)\s+new\b`,
  String.raw`other\s+(?:people|women|men|girls|guys)`,
);

/** We, he and I, me and him, my ex and I. */
const WE = alt('we', '(?:he|she|they)\\s+and\\s+i', `my\\s+${EX_NOUN}\\s+and\\s+i`, `me\\s+and\\s+${EX_OBJ}`);
/** "we're", "we are", "were" as a typo of we're (but not "we were", "they were": the past). */
const WE_ARE = alt(
  String.raw`we(?:'re|\s+are|\s+r)`,
  String.raw`(?<!\b(?:we|they|you|he|she|it|there|who|which|that|i|things)\s+)were`,
  String.raw`(?:(?:he|she|they)\s+and\s+i|my\s+${EX_NOUN}\s+and\s+i|me\s+and\s+${EX_OBJ})\s+are`,
);
const WE_HAVE = alt(String.raw`we(?:'ve|ve|\s+have)`, String.raw`(?:(?:he|she)\s+and\s+i|me\s+and\s+${EX_OBJ})\s+have`);

// ---------------------------------------------------------------------------
// Day numbers for no contact.
// ---------------------------------------------------------------------------

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const WORD_NUM = String.raw`(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b)?|nineteen|eighteen|seventeen|sixteen|fifteen|fourteen|thirteen|twelve|eleven|ten|nine|eight|seven|six|five|four|three|two|one)`;
/** Digits not part of a decimal ("3.5 weeks" is not 5 weeks). */
const NUM = String.raw`(?:(?<![\d.,])\d{1,4}(?![\d.,]\d)|\b${WORD_NUM}\b)`;

function parseNumber(raw: string): number | undefined {
  const s = raw.toLowerCase().trim();
  if (/^\d+$/.test(s)) return Number(s);
  if (s === 'a' || s === 'an') return 1;
  const [tens, unit] = s.split(/[-\s]/);
  const t = TENS.indexOf(tens ?? '');
  if (t >= 2) return t * 10 + (unit ? UNITS.indexOf(unit) : 0);
  const u = UNITS.indexOf(s);
  return u >= 0 ? u : undefined;
}

/** Day count from named groups: n (+ unit week), or w weeks and d days. */
function dayFromGroups(g: Record<string, string | undefined>): number | undefined {
  if (g.w !== undefined && g.d !== undefined) {
    const w = parseNumber(g.w);
    const d = parseNumber(g.d);
    return w === undefined || d === undefined ? undefined : w * 7 + d;
  }
  const n = g.n === undefined ? undefined : parseNumber(g.n);
  if (n === undefined) return undefined;
  return g.unit && /^week/i.test(g.unit) ? n * 7 : n;
}

// ---------------------------------------------------------------------------
// Rules: one per signal, each a list of patterns.
// ---------------------------------------------------------------------------

interface Rule {
  signal: Signal;
  patterns: RegExp[];
  /** Text right after the match that cancels it, e.g. "...but broke up again". */
  cancelledBy?: RegExp;
  /** Extra words before the match that make it not (yet) true, e.g. "my goal is 30 days of NC". */
  hedgedBy?: RegExp;
  day?: (groups: Record<string, string | undefined>) => number | undefined;
}

const re = (src: string) => new RegExp(src, 'gi');

/**
 * Every match of a global regex, from the start, on the regex itself. Not `matchAll`: that works on
 * a copy, and a copy finds its compiled code in V8's compilation cache only until a major GC clears
 * it; after that every copy compiles again. These patterns take ~0.45 s to compile, so a busy
 * process (a warm Lambda, a simulation) paid that on a reply after every few major GCs. A regex
 * keeps its own compiled code. Not reentrant for one regex (lastIndex): no caller nests the same one.
 */
function* matchesOf(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    yield m;
    // Past an empty match, by a whole code point under the u flag, as matchAll goes on.
    if (m[0] === '') pattern.lastIndex += pattern.unicode && (text.codePointAt(pattern.lastIndex) ?? 0) > 0xffff ? 2 : 1;
  }
}

const GIVE_IN = alt(
  'caved', 'slipped(?:\\s+up)?', 'gave in', 'broke down', 'got drunk', 'got weak', 'went ahead', 'messed up',
  'screwed up', 'relapsed', 'cracked', "couldn'?t help (?:it|myself)", 'could not help (?:it|myself)', 'lost it',
);
/** "I got drunk on Saturday and called her": a few words, none of them negating, between the two verbs. */
const FEW_WORDS = String.raw`(?:\s+(?!(?:not|never|nearly|almost|\w+n'?t)\b)[\w']+){0,4}?`;
/** After "I caved and messaged", anything goes except a different person. */
const CHAIN_OBJ = String.raw`(?:\s+(?:to\s+)?${EX_OBJ}\b|(?!\s+(?:to\s+)?(?:my\s+(?!ex\b)|his\b|her\s+${PEOPLE}\b|a\s+friend|someone|somebody|the\s+(?!ex\b))))`;
const MESSAGE = String.raw`(?:text|txt|message|msg|call|dm|e-?mail|snap|voicemail|voice ?note|letter|story|post)s?\b`;

const brokeNoContact: Rule = {
  signal: 'broke-no-contact',
  patterns: [
    re(String.raw`${I_HAVE}\s+${advs(3)}(?:broke|broken|blew|blown|ruined)\s+(?:my\s+|the\s+|our\s+)?${NC}`),
    re(String.raw`\bI\s+${advs(2)}ended up\s+(?:breaking\s+(?:my\s+|the\s+)?${NC}|${CONTACT_ING}(?:\s+(?:to\s+)?${EX_OBJ}\b|${TAIL_STRICT}))`),
    re(String.raw`${I_HAVE}\s+${advs(2)}${GIVE_IN}${FEW_WORDS}\s+and\s+(?:then\s+)?${advs(1)}(?:${CONTACT_PAST}|reached out|sent|broke\s+(?:my\s+)?${NC})${CHAIN_OBJ}`),
    re(String.raw`\bI\s+${advs(2)}(?:caved|slipped up|cracked)${TAIL_STRICT}`),
    re(String.raw`${I_HAVE}\s+${advs(3)}(?:${CONTACT_PAST}|sent|reached out to|got in touch with|replied to|responded to|wrote back to)\s+(?:to\s+)?${EX_OBJ}\b`),
    re(String.raw`${I_HAVE}\s+${advs(3)}(?:${TEXT_PAST}|reached out)${TAIL_STRICT}`),
    re(String.raw`\bI\s+${advs(2)}(?:replied|responded|answered|wrote back|texted back|messaged back|called back|picked up|returned)\s+(?:to\s+)?(?:his|their|my\s+ex'?s|her(?!\s+${PEOPLE}\b))\s+(?:\w+\s+)?${MESSAGE}`),
    re(String.raw`\bI\s+${advs(2)}(?:showed up|turned up|went|drove)\s+(?:over\s+)?(?:to|at)\s+(?:his|her|their|my\s+ex'?s)\s+(?:place|house|apartment|flat|work|office|door|job)\b`),
    // Subject dropped at the start of a sentence: "Texted him last night 😩", "Broke NC."
    re(String.raw`^\s*${FILLER}${advs(2)}(?:${CONTACT_PAST}\s+(?:to\s+)?${EX_OBJ}\b|broke\s+(?:my\s+|the\s+)?${NC}|caved${TAIL_STRICT}|caved\s+and\s+${advs(1)}(?:${CONTACT_PAST}|reached out|sent|broke)${CHAIN_OBJ})`),
  ],
  // "I texted him but didn't send it", "...but deleted it".
  cancelledBy: /^[^.!?]{0,80}?\bbut\s+(?:then\s+)?(?:i\s+)?(?:didn'?t|did not|never|stopped|deleted|caught myself|changed my mind|held back|resisted)\b/i,
};

/**
 * Only read while the course has asked the reader to make contact: "I sent it", "sent the message",
 * "I did it". Out of that context these words say nothing about an ex.
 */
const sentAsPlanned: Rule = {
  signal: 'reached-out-as-planned',
  patterns: [
    re(String.raw`${I_HAVE}\s+${advs(3)}sent\s+(?:it\b|(?:(?:him|her|them|my\s+ex)\s+)?(?:the|my|a|that|this|our)\s+(?:(?:short|calm|first|little|light|warm|kind|simple)\s+){0,2}(?:message|text|txt|msg|e-?mail|note|dm|letter)\b)`),
    re(String.raw`${I_HAVE}\s+${advs(2)}(?:did it|done it|pressed send|hit send)\b`),
    re(String.raw`^\s*${FILLER}${advs(2)}(?:sent it|did it|pressed send|hit send|sent (?:(?:him|her|them)\s+)?(?:the|my|a)\s+(?:message|text|msg|e-?mail))\b`),
    re(String.raw`\b(?:the|my)\s+(?:(?:short|calm|first)\s+)?(?:message|text|msg|e-?mail)\s+(?:is|has been|'s been|was|got)\s+sent\b`),
  ],
  cancelledBy: /^[^.!?]{0,80}?\bbut\s+(?:then\s+)?(?:i\s+)?(?:deleted|unsent|took it back|changed my mind)\b/i,
};

const PRECHAIN = String.raw`(?:(?:liked|loved|commented on|reacted to|viewed|watched|followed|unblocked|added|saw|replied to|responded to|hearted)\s+(?:my|me)\b[^,.;!?]{0,40}?\s+and\s+(?:then\s+)?${advs(1)})?`;
/** "called me a psycho" is name-calling, and "texted me back" is a reply to the reader, not reaching out. */
const TO_ME = String.raw`(?:(?!called)${CONTACT_PAST}\s+me\b(?!\s+back\b)|called\s+me\b(?!\s+(?:back|in|out|names|a|an|the|so|too|very|such|selfish|crazy|clingy|needy|psycho|toxic|dramatic|stupid|pathetic|insecure|desperate|obsessed|annoying|controlling|manipulative)\b))`;
const EX_AUX_HAS = alt(`${EX_SUBJ}(?:'s|\\s+has|\\s+had)`, '(?:he|she)s', "they(?:'ve|ve|\\s+have|\\s+had)");
const EX_AUX_ING = String.raw`${EX_SUBJ}(?:'s|s|'re|re|\s+(?:is|are|was|were|keeps|kept|started|starts|began|has started|has been|have been|'s been|won'?t stop|wont stop|will not stop|hasn'?t stopped|can'?t stop))`;

const exReachedOut: Rule = {
  signal: 'ex-reached-out',
  patterns: [
    re(String.raw`\b${EX_SUBJ}\s+${advs(3)}${PRECHAIN}${TO_ME}`),
    re(String.raw`\bthey\s+${advs(3)}${PRECHAIN}(?!called)${CONTACT_PAST}\s+me\b(?!\s+back\b)`),
    re(String.raw`\b${EX_SUBJ}\s+${advs(3)}${PRECHAIN}${CONTACT_PAST}${TAIL}`),
    re(String.raw`\b${EX_AUX_HAS}\s+${advs(2)}(?:${CONTACT_PAST}|been\s+${advs(1)}${CONTACT_ING})(?:\s+(?:to\s+)?me\b(?!\s+back\b)|${TAIL})`),
    re(String.raw`\b${EX_AUX_ING}\s+${advs(1)}${CONTACT_ING}(?:\s+(?:to\s+)?me\b(?!\s+back\b)|${TAIL})`),
    re(String.raw`\b${EX_SUBJ}(?:'s|s|\s+has|\s+had)?\s+${advs(3)}(?:reached(?:\s+back)?\s+out|got(?:ten)? in touch|slid into my dms?|slid in my dms?|hit me up|sent me|showed up at my|turned up at my|came to my (?:house|place|door|work|apartment|flat|job)|knocked on my door|left me an?|wrote me|wrote to me|asked (?:me\s+)?to (?:meet|talk|see me|get coffee|come over)|asked if we could (?:talk|meet))(?!\s+to\s+(?!me\b))`),
    re(String.raw`(?:^\s*${FILLER}|${I_HAVE}\s+${advs(2)})(?:got|gotten|received|had|woke up to|saw)\s+(?:(?!no\b|not\b|any\b)[\w']+\s+){0,3}?(?:text|txt|message|msg|dm|e-?mail|voicemail|voice ?note|snap|letter|missed call|facetime|phone call|call)s?\s+from\s+${EX_OBJ}\b`),
    re(String.raw`(?:^\s*${FILLER}|${I_HAVE}\s+${advs(2)})heard\s+from\s+${EX_OBJ}\b`),
  ],
};

const BE = String.raw`(?:'s|s|\s+is|\s+has\s+been|'s\s+been|s\s+been)`;

const exDating: Rule = {
  signal: 'ex-dating',
  patterns: [
    re(String.raw`\b${EX_SUBJ}${BE}\s+${advs(2)}dating(?:\s+(?:someone|somebody|a|an|another|other|some|this|that|again|around|now|already|her|him|the|his|my)\b|${TAIL_STRICT})`),
    re(String.raw`\b${EX_SUBJ}${BE}\s+${advs(2)}(?:seeing|sleeping with|hooking up with|with|in love with|moving in with|living with|engaged to)\s+${NEW_PERSON}`),
    re(String.raw`\b${EX_SUBJ}${BE}\s+${advs(2)}(?:talking to|hanging out with)\s+(?:(?:someone|somebody)\s+(?:new|else)|another\s+(?:girl|guy|woman|man))\b`),
    re(String.raw`\b${EX_SUBJ}${BE}\s+${advs(2)}(?:in\s+a\s+(?:new\s+|serious\s+)?relationship|engaged|getting married|married|taken|off the market)\b`),
    re(String.raw`\b${EX_SUBJ}(?:'s|s|\s+has)?\s+${advs(2)}(?:has|got|gotten|found)\s+(?:himself\s+|herself\s+)?(?:a|an)\s+(?:new\s+)?${PARTNER}\b`),
    re(String.raw`\b${EX_SUBJ}(?:'s|s|\s+has)?\s+${advs(2)}found\s+(?:someone|somebody)(?:\s+(?:new|else))?\b`),
    re(String.raw`\b${EX_SUBJ}(?:'s|s|\s+has|\s+had)?\s+${advs(2)}(?:got(?:ten)? engaged|got(?:ten)? married|started dating|been dating|rebounded|went on (?:a\s+)?dates?|been on (?:a\s+)?dates?)\b(?!\s+me\b)`),
    re(String.raw`\b${EX_SUBJ}(?:'s|s|\s+has|\s+had)?\s+${advs(2)}(?:started seeing|been seeing|moved on with)\s+${NEW_PERSON}`),
    re(String.raw`\b(?:his|their|my\s+ex'?s|the\s+ex'?s|her(?!\s+${PEOPLE}\s))\s+new\s+(?:girlfriend|boyfriend|gf|bf|partner|fianc[eé]e?|lover|girl|guy|man|woman|wife|husband|boo|fling|situationship)\b`),
    re(String.raw`\bsaw\s+${EX_OBJ}\s+(?:out\s+)?with\s+${NEW_PERSON}`),
    re(String.raw`\b${EX_SUBJ}\s+${advs(2)}posted\s+(?:[\w']+\s+){0,4}?with\s+${NEW_PERSON}`),
  ],
};

/** Keeps "we're talking" from matching "we're talking about moving in". */
const TALK_TAIL = String.raw`(?:\s+again\b|(?=\s*(?:$|[.,!;:)…~\-–—]|(?:every day|everyday|daily|a lot|lots|more|now|regularly|to each other|with each other|most days|sometimes|occasionally|since|here and there|and|but|lol|haha|which)\b)))`;
const MEAL = String.raw`(?:coffee|drinks?|lunch|dinner|breakfast|brunch|tea|ice cream|a bite|food|a walk|walk|a chat|chat|a talk|talk)`;

const talkingAgain: Rule = {
  signal: 'talking-again',
  patterns: [
    re(String.raw`\b${WE_ARE}\s+${advs(2)}(?:talking|texting|chatting|speaking|messaging|hanging out|seeing each other|in (?:touch|contact)|back in (?:touch|contact)|friends|on speaking terms)${TALK_TAIL}`),
    re(String.raw`\b${WE_ARE}\s+${advs(2)}(?:taking (?:it|things) (?:slow|slowly|day by day|one day at a time)|getting to know each other again|reconnecting)\b`),
    re(String.raw`\b${WE_HAVE}\s+${advs(2)}(?:been\s+(?:talking|texting|chatting|speaking|messaging|hanging out|seeing each other|in (?:touch|contact)|meeting up|facetiming|calling)${TALK_TAIL}|reconnected|started talking again|talked (?:a few|a couple of|several) times)`),
    re(String.raw`\b${WE}\s+${advs(2)}(?:have\s+|'ve\s+)?(?:started|began)\s+(?:talking|texting|chatting|speaking|hanging out|seeing each other|meeting up)\s+again\b`),
    re(String.raw`\b${WE}\s+${advs(2)}met\s+(?:up\s+)?(?:for|to (?:have|get|grab))\s+(?:a\s+|some\s+)?${MEAL}`),
    re(String.raw`\b${WE}\s+${advs(2)}(?:met up|caught up|reconnected|talked it out|talked things (?:through|out)|went on a date|went out again|had\s+(?:a|the)\s+(?:long\s+|good\s+|great\s+|real\s+|honest\s+|proper\s+)?(?:talk|chat|conversation))\b(?!\s+with\b)`),
    // "We had dinner with friends": that "we" is not the couple.
    re(String.raw`\b${WE}\s+${advs(2)}(?:grabbed|had|got)\s+(?:a\s+|some\s+)?(?:coffee|drinks?|lunch|dinner|brunch|breakfast|tea)\b(?!\s+with\b)`),
    re(String.raw`\b${WE}\s+${advs(2)}(?:talked|spoke|texted|facetimed|hung out|saw each other|went out)\s+(?:[\w']+\s+){0,2}?(?:again|last night|yesterday|today|this (?:morning|week|weekend|afternoon|evening)|last (?:week|weekend)|over the weekend|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|for hours|all night)\b`),
    re(String.raw`${I_AM}\s+${advs(2)}(?:talking|texting|chatting|speaking|back in touch|in touch|in contact)\s+(?:to|with)\s+${EX_OBJ}${TALK_TAIL}`),
    re(String.raw`\bI(?:'ve|ve|\s+have)\s+${advs(2)}been\s+(?:talking|texting|chatting|speaking|messaging|hanging out|in touch|in contact)\s+(?:to\s+|with\s+)?${EX_OBJ}\b`),
    re(String.raw`\bI\s+${advs(2)}(?:met up with\s+${EX_OBJ}|met\s+${EX_OBJ}\s+(?:for|again|up)|(?:had|grabbed)\s+(?:a\s+)?${MEAL}\s+with\s+${EX_OBJ}|went (?:on a date|out) with\s+${EX_OBJ}|hung out with\s+${EX_OBJ}\s+(?:again|last|yesterday|today|this|over))\b`),
  ],
};

const backTogether: Rule = {
  signal: 'back-together',
  patterns: [
    re(String.raw`\b${WE_ARE}\s+${advs(3)}(?:back together|together again|getting back together|giving (?:it|us|this|things) (?:another|a second|one more) (?:try|go|shot|chance)|trying again|working (?:it|things) out|dating again|a couple again|officially together again|back in a relationship)\b`),
    re(String.raw`\b${WE}(?:'ve|ve|\s+have)?\s+${advs(2)}(?:got|gotten|get)\s+back\s+together\b`),
    re(String.raw`\b${WE}(?:'ve|ve|\s+have)?\s+${advs(2)}(?:decided|agreed|chose|chosen)\s+to\s+(?:give (?:it|us|this|things|our relationship|the relationship) (?:another|a second|one more) (?:try|go|shot|chance)|try again|get back together|work (?:it|things) out|be together again|start over|try (?:it|things|us) again)\b`),
    re(String.raw`\b${WE}(?:'ve|ve|\s+have)?\s+${advs(2)}reconciled\b`),
    re(String.raw`${I_AM}\s+${advs(2)}back with\s+${EX_OBJ}`),
    re(String.raw`${I_HAVE}\s+${advs(2)}(?:got|gotten)\s+back with\s+${EX_OBJ}`),
    re(String.raw`${I_HAVE}\s+${advs(2)}(?:took|taken)\s+${EX_OBJ}\s+back\b`),
    re(String.raw`\b${EX_SUBJ}(?:'s|\s+has)?\s+${advs(2)}(?:took|taken)\s+me\s+back\b`),
  ],
  // "we got back together but broke up again" is not together now.
  cancelledBy: /^[^.!?]{0,100}?\b(?:broke up|broken up|split up|split|ended (?:it|things)|didn'?t last|did not last|didn'?t work|fell apart|it'?s over|its over)\b/i,
};

const movedOn: Rule = {
  signal: 'moved-on',
  patterns: [
    // Not "moved on to the next lesson" or "moved on from that job".
    re(String.raw`${I_HAVE}\s+${advs(3)}moved on\b(?!\s+to\b|\s+from\s+(?!him\b|her\b|them\b|my ex\b|it\b|the relationship\b|the breakup\b|us\b))`),
    re(String.raw`${I_HAVE}\s+${advs(3)}(?:let (?:him|her|them|my ex|it) go\b(?!\s+to\b)|let go\b(?!\s+of\s+(?!him|her|them|my ex|it\b|the relationship|us\b|the past|what we had|the hope|hope))|(?:gotten|got) over (?:him|her|them|my ex|the breakup|us|the relationship|it)\b)`),
    re(String.raw`${I_AM}\s+${advs(3)}(?:over (?:him|her|them|my\s+${EX_NOUN}|the breakup|us|the relationship|what happened|it all|all of it)\b|moving on\b(?!\s+to\b)|moving forward\b|ready to (?:let go|move on|move forward|leave (?:it|this|him|her|them) behind)\b|happy (?:on my own|being single|single|without (?:him|her|them))\b|single and happy\b|happily single\b|in a (?:new|happy|good) relationship\b|seeing someone(?:\s+(?:new|else))?\b|dating (?:someone|somebody|again|other people|a (?:new\s+)?(?:guy|girl|man|woman))\b|with someone (?:new|else)\b|in love (?:again|with someone (?:new|else))\b)`),
    re(String.raw`${I_HAVE}\s+${advs(2)}(?:met|found|started seeing|started dating|been seeing|been dating|begun dating)\s+(?:someone|somebody)(?:\s+(?:new|else|special|amazing|great|wonderful|lovely|incredible|who)\b|${TAIL_STRICT})`),
    re(String.raw`${I_HAVE}\s+${advs(2)}(?:started|begun|been)\s+dating(?:\s+again\b|\s+other people\b|${TAIL_STRICT})`),
    re(String.raw`\bI(?:'ve|ve|\s+have)?\s+${advs(2)}(?:have|got|found)\s+(?:a|an)\s+new\s+(?:boyfriend|girlfriend|bf|gf|partner|man|woman)\b`),
    re(String.raw`\bmy\s+new\s+(?:boyfriend|girlfriend|bf|gf|partner)\b`),
    re(String.raw`\bI\s+${advs(2)}(?:don'?t|do not|no longer)\s+(?:miss|love|want|need|think about|care about|have feelings for)\s+(?:him|her|them|my ex)\s+(?:any\s?more|at all)\b`),
    re(String.raw`\bI\s+${advs(2)}no longer\s+(?:miss|love|want|need|think about|care about|have feelings for)\s+(?:him|her|them|my ex)\b`),
    re(String.raw`${I_AM}\s+${advs(1)}not in love with\s+(?:him|her|them|my ex)\s+any\s?more\b`),
  ],
};

const noContactDay: Rule = {
  signal: 'no-contact-day',
  patterns: [
    re(String.raw`\b(?<w>${NUM})\s*weeks?\s*(?:and|,|\+)\s*(?<d>${NUM})\s*days?\s*(?:of|in|into|on)?\s*(?:my\s+|the\s+|strict\s+)?${NC}`),
    re(String.raw`\bday\s*[-#]?\s*(?<n>${NUM})\s*(?:of|in|into|on)?\s*(?:my\s+|the\s+|strict\s+)?${NC}`),
    re(String.raw`\b(?<n>\d{1,4})(?:st|nd|rd|th)\s+day\s+(?:of|in|into)\s+(?:my\s+|the\s+)?${NC}`),
    re(String.raw`\bday\s*[-#]?\s*(?<n>${NUM})\s+(?:of\s+)?(?:without|with no|with zero)\s+(?:any\s+)?contact\b`),
    re(String.raw`${NC}\s*[:\-–]?\s*(?:day)\s*[-#]?\s*(?<n>${NUM})`),
    re(String.raw`(?<n>${NUM}|\ba\b|\ban\b)\s*(?:full\s+|whole\s+)?(?<unit>day|week)s?(?!\s+and\s+a\s+half)\s*(?:of|in|into|on)?\s*(?:my\s+|the\s+|strict\s+|total\s+)?${NC}`),
    re(String.raw`(?<n>${NUM}|\ba\b)\s*(?:full\s+|whole\s+)?(?<unit>day|week)s?(?!\s+and\s+a\s+half)\s+(?:without|with no|with zero)\s+(?:any\s+)?(?:contact|texting|talking|speaking)\b`),
    re(String.raw`${NC}\s+for\s+(?<n>${NUM}|\ba\b)\s*(?:full\s+|whole\s+)?(?<unit>day|week)s?\b(?!\s+and\s+a\s+half)`),
  ],
  hedgedBy: /\b(?:goal|aim|aiming|target|reach|make it to|get to|by|tomorrow|next|hit|hitting)\b/i,
  // "21 days NC tomorrow" is not today's count.
  cancelledBy: /^\s*(?:tomorrow|tmrw|next|soon|on\s+\w+day|in\s+\w+\s+days?)\b/i,
  day: dayFromGroups,
};

/** In text order of a typical reply; the result is re-sorted by position anyway. */
const RULES: Rule[] = [noContactDay, brokeNoContact, exReachedOut, exDating, talkingAgain, backTogether, movedOn];

// ---------------------------------------------------------------------------
// Context: clauses, negation, hedges, questions.
// ---------------------------------------------------------------------------

/** Where one clause ends and the next begins; negation and wishes don't cross these. */
const CLAUSE_BREAK =
  /[,;:()"]|\s[-–—]+\s|\b(?:but|though|although|however|yet|because|cause|cuz|coz|since|whereas|anyway|anyways|plus|and then|then)\b|\b(?:and|so|or)\b(?=\s+(?:i|i'm|im|i've|ive|he|she|they|we|we're|my|now|today|yesterday|last|this|it|it's)\b)/gi;

const NEGATION =
  /\b(?:not|never|nor|neither|hardly|barely|no longer|cannot|nope)\b|\b\w+n't\b|\b(?:dont|didnt|doesnt|havent|hasnt|hadnt|wont|wouldnt|cant|couldnt|shouldnt|isnt|arent|wasnt|werent|aint)\b/i;

/** Wishes, hopes, fears, plans, conditions, hedges and habits of the past: nothing happened (yet). */
const HYPOTHETICAL =
  /\b(?:if|unless|whether|hope|hopes|hoping|hopefully|wish|wishes|wishing|wished|want|wants|wanted|wanna|afraid|scared|worried|worry|worries|worrying|fear|fears|fearing|terrified|pray|prays|praying|dream|dreams|dreaming|dreamt|dreamed|imagine|imagining|imagined|pretend|pretending|should|shall|would|could|might|may|maybe|perhaps|probably|possibly|gonna|going to|plan|plans|planning|thinking|considering|tempted|urge|almost|nearly|until|till|til|before|what if|in case|suppose|expect|expecting|waiting|wait|think|thought|guess|suspect|wonder|wondering|unsure|hypothetically|fantasi[sz]e|fantasi[sz]ing|need to|needs to|have to|has to|trying to|try to|tried to|tries to|goal|aim|aiming|will|last time|every time|each time|used to|supposed to|rumou?rs?|rumou?red|doubt|assume|assuming|bet)\b|'ll\b/i;

/** Set phrases that contain a negation or a wish word but don't negate what follows. */
const EXEMPT_PHRASES = [
  /\b(?:can'?t|cannot|couldn'?t|could not)\s+believe\b/gi,
  /\bnot\s+gonna\s+lie\b|\bngl\b/gi,
  /\b(?:don'?t|do not)\s+(?:even\s+)?know\s+(?:why|how)\b|\bno idea (?:why|how)\b/gi,
  /\bafter\s+(?:not|never)\b/gi,
  /\b(?:just\s+)?want(?:ed)?\s+to\s+(?:let you know|tell you|say|share|update you|give you an update|thank you|write|report|check in|drop you a line|mention)\b|\bwant(?:ed)? you to know\b/gi,
  /\b(?:would|'d)\s+like\s+to\s+(?:let you know|tell you|say|share|update you)\b|\bhave to (?:tell|say|share)\b/gi,
  /\bhope\s+(?:you(?:'re|re|\s+are)?|this finds you|all is|you don'?t mind)\b[^,]*?\b(?:well|good|ok|okay|fine|mind|great)\b/gi,
];

/** A question opener: "should I", "do you think", "how do I", "what if", "am I". */
const QUESTION_OPENER =
  /^\s*(?:(?:so|but|and|like|ok|okay|also|anyway|honestly|um+|hmm+|well|now|then|plus|seriously|idk|ugh)[,\s]+)*(?:(?:should|shall|do|does|did|can|could|would|will|is|are|am|was|were|have|has|had|may|might|must|shouldn'?t|don'?t|doesn'?t|didn'?t|can'?t|won'?t|isn'?t|aren'?t|wasn'?t|haven'?t|hasn'?t|wouldn'?t)\s+(?:i|we|he|she|they|it|you|my|that|this|there|u)\b|(?:how|what|why|when|where|who|which|what's|whats|how's)\s+(?:do|does|did|can|could|should|would|will|is|are|am|was|were|have|has|had|if|about|come|long|much|many|to)\b|what\s+if\b)/i;

/** "Is it bad that I texted him?" asks about something that did happen ("is it true that..." does not). */
const FACTIVE_FRAME =
  /^\s*(?:(?:so|but|and|ok|okay|also|honestly)[,\s]+)*(?:(?:is|was|isn'?t)\s+it\s+(?!(?:really\s+|even\s+)?(?:true|possible|likely|probable|plausible|real)\b)(?:\w+\s+){1,3}?(?:that|how)|what does it mean (?:that|when)|does it mean anything (?:that|when)|how do i (?:deal|cope) with (?:the fact )?that)\s/i;

/** Dreams, retractions and relationship history right after the match cancel it for every signal. */
const CANCELLED_ALWAYS =
  /^\s*(?:[\w']+\s+){0,3}?in\s+(?:my|a)\s+(?:dream|dreams|head|mind|nightmare)\b|^[^.!?]{0,60}?\b(?:or so i (?:thought|hoped|believed)|or at least i thought|just kidding|jk|yeah right|apparently not)\b|^[^.!?]{0,80}?\b(?:(?:when|while) we were (?:together|dating|a couple)|before (?:the|we) br(?:eak|oke)\s?up|during (?:the|our) relationship|years ago)\b/i;

/** "Back when we were together I texted him every hour" is history, not progress. */
const HISTORY_BEFORE = /\b(?:(?:when|while) we were (?:together|dating|a couple)|back (?:then|when)|during (?:the|our) relationship|years ago|in the beginning)\b/i;

function clauseStart(sentence: string, at: number): number {
  let start = 0;
  for (const m of matchesOf(CLAUSE_BREAK, sentence)) {
    const end = m.index + m[0].length;
    if (end > at) break;
    start = end;
  }
  return start;
}

function hasBreakAfter(sentence: string, from: number): boolean {
  for (const m of matchesOf(CLAUSE_BREAK, sentence)) if (m.index >= from) return true;
  return false;
}

function isNegatedOrHypothetical(prefix: string): boolean {
  const cleaned = EXEMPT_PHRASES.reduce((s, p) => s.replace(p, ' '), prefix);
  return NEGATION.test(cleaned) || HYPOTHETICAL.test(cleaned);
}

/** A match is in a question when its clause or sentence opens like one, or it is in the clause the "?" ends. */
function isQuestion(sentence: string, at: number, end: number, start: number): boolean {
  const frame = FACTIVE_FRAME.exec(sentence);
  if (frame && at >= frame[0].length) return false;
  if (QUESTION_OPENER.test(sentence) || QUESTION_OPENER.test(sentence.slice(start))) return true;
  // "He texted me!?" is surprise, not a question.
  const terminal = /[.!?]+[\s"')]*$/.exec(sentence)?.[0] ?? '';
  return terminal.includes('?') && !terminal.includes('!') && !hasBreakAfter(sentence, end);
}

function accepted(rule: Rule, sentence: string, at: number, end: number): boolean {
  const start = clauseStart(sentence, at);
  const prefix = sentence.slice(start, at);
  if (isNegatedOrHypothetical(prefix) || rule.hedgedBy?.test(prefix) || HISTORY_BEFORE.test(prefix)) return false;
  if (isQuestion(sentence, at, end, start)) return false;
  const after = sentence.slice(end);
  if (CANCELLED_ALWAYS.test(after)) return false;
  return !rule.cancelledBy?.test(after);
}

// ---------------------------------------------------------------------------
// Text preparation.
// ---------------------------------------------------------------------------

/** Straight quotes and plain spaces, so patterns need only one spelling of "didn't". */
function normalise(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02BC\u2032`´]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .replace(/[\u200B-\u200D\uFE0E\uFE0F]/g, '')
    .replace(/\r\n?/g, '\n');
}

const HISTORY_MARKER = /^\s*(?:-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,}|Begin forwarded message:|_{8,})\s*$/i;

/** Drops quoted lines and everything after the start of quoted history (defensive: it should already be gone). */
function stripQuoted(text: string): string {
  const lines = text.split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (HISTORY_MARKER.test(line) || startsOnWrote(lines, i) || startsOutlookHeader(lines, i)) break;
    if (!/^\s*>/.test(line)) kept.push(line);
  }
  return kept.join('\n');
}

/** Gmail wraps "On <date>, <name> <addr> wrote:" over up to three lines. */
function startsOnWrote(lines: string[], i: number): boolean {
  if (!/^\s*On\s/i.test(lines[i] ?? '')) return false;
  // Three simple tests rather than one regex with two unbounded wildcards (slow on long lines).
  for (let k = 1; k <= 3 && i + k <= lines.length; k++) {
    const header = lines.slice(i, i + k).join(' ');
    if (/\bwrote:\s*$/i.test(header) && /\d/.test(header)) return true;
  }
  return false;
}

/** Outlook quotes history under a "From:" line followed by "Sent:" or "Date:". */
function startsOutlookHeader(lines: string[], i: number): boolean {
  if (!/^\s*\*?From:\*?\s/i.test(lines[i] ?? '')) return false;
  return lines.slice(i + 1, i + 4).some((l) => /^\s*\*?(?:Sent|Date):\*?\s/i.test(l));
}

interface Sentence {
  text: string;
  start: number;
}

/** Ends at . ! ? … (not inside "3.5"), a line break, or an emoji: casual replies use emoji as full stops. */
const SENTENCE_END = /[.!?]+(?=[\s"')\]]|$|\p{Extended_Pictographic})|…+|\n[ \t]*(?:\n\s*)*|\p{Extended_Pictographic}+/gu;
/** Mail clients hard-wrap plain text near 72 columns: a line this long continues on the next one. */
const WRAP_WIDTH = 55;

function isWrappedLine(text: string, newlineAt: number, newline: string): boolean {
  if ((newline.match(/\n/g) ?? []).length > 1) return false;
  const lineStart = text.lastIndexOf('\n', newlineAt - 1) + 1;
  return newlineAt - lineStart >= WRAP_WIDTH;
}

function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  for (const m of matchesOf(SENTENCE_END, text)) {
    const isNewline = m[0].startsWith('\n');
    if (isNewline && isWrappedLine(text, m.index, m[0])) continue;
    const end = m.index + (isNewline ? 0 : m[0].length);
    out.push({ text: text.slice(start, end), start });
    start = m.index + m[0].length;
  }
  out.push({ text: text.slice(start), start });
  return out.filter((s) => s.text.trim() !== '');
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

/** The sentence on one line (mail wraps it), trimmed; a long one is cut to a 200-char window around the match. */
function evidenceOf(sentence: string, at: number): string {
  const text = squash(sentence).trim();
  if (text.length <= MAX_EVIDENCE) return text;
  const matchAt = squash(sentence.slice(0, at)).trimStart().length;
  const from = Math.max(0, Math.min(matchAt - 60, text.length - MAX_EVIDENCE));
  return text.slice(from, from + MAX_EVIDENCE).trim();
}

// ---------------------------------------------------------------------------
// Matching.
// ---------------------------------------------------------------------------

interface Hit extends Recognised {
  at: number;
}

/** The earliest acceptable match of a rule in one sentence. */
function firstHit(rule: Rule, sentence: Sentence): Hit | undefined {
  let best: Hit | undefined;
  for (const pattern of rule.patterns) {
    for (const m of matchesOf(pattern, sentence.text)) {
      if (best && m.index >= best.at - sentence.start) break;
      const hit = toHit(rule, sentence, m);
      if (hit) {
        best = hit;
        break;
      }
    }
  }
  return best;
}

function toHit(rule: Rule, sentence: Sentence, m: RegExpExecArray): Hit | undefined {
  if (!accepted(rule, sentence.text, m.index, m.index + m[0].length)) return undefined;
  const hit: Hit = { signal: rule.signal, evidence: evidenceOf(sentence.text, m.index), at: sentence.start + m.index };
  if (!rule.day) return hit;
  const day = rule.day(m.groups ?? {});
  if (day === undefined || day < 0 || day > MAX_DAY) return undefined;
  return { ...hit, day };
}

export interface ReadingContext {
  /**
   * The course has asked the reader to make contact (course/contact.ts): contact they report is
   * that step done, not a slip, and "I sent it" counts too.
   */
  contactPlanned?: boolean;
}

export function recogniseSignals(text: string, context: ReadingContext = {}): Recognised[] {
  const hits: Hit[] = [];
  const body = stripQuoted(normalise(text.slice(0, MAX_INPUT)));
  const rules = context.contactPlanned ? [...RULES, sentAsPlanned] : RULES;
  for (const sentence of splitSentences(body)) {
    if (!/[a-z]/i.test(sentence.text)) continue;
    for (const rule of rules) {
      const hit = firstHit(rule, sentence);
      if (hit) hits.push(context.contactPlanned && hit.signal === 'broke-no-contact' ? { ...hit, signal: 'reached-out-as-planned' } : hit);
    }
  }
  return firstOfEachSignal(hits.sort((a, b) => a.at - b.at));
}

/** One entry per signal, keeping the earliest evidence, in text order. */
function firstOfEachSignal(hits: Hit[]): Recognised[] {
  const seen = new Set<Signal>();
  const out: Recognised[] = [];
  for (const { at: _at, ...hit } of hits) {
    if (seen.has(hit.signal)) continue;
    seen.add(hit.signal);
    out.push(hit);
  }
  return out;
}

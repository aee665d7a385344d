import { describe, expect, it } from 'vitest';
import { recogniseSignals, Signal, type Recognised } from '../../functions/core/signals/recognise.js';

/** 'no-contact-day@12' for a day signal, the bare signal otherwise: short, exact expectations. */
const summary = (found: Recognised[]) => found.map((r) => (r.day === undefined ? r.signal : `${r.signal}@${r.day}`));

interface Case {
  name: string;
  reply: string;
  expected: string[];
}

const brokeNoContact: Case[] = [
  { name: 'a plain confession', reply: 'I broke no contact. I feel awful.', expected: ['broke-no-contact'] },
  { name: 'texted him last night, lower case, no punctuation', reply: 'i texted him last night i feel so stupid', expected: ['broke-no-contact'] },
  { name: 'called her, drunk', reply: 'Ok confession time. I got drunk on Saturday and called her at 2am.', expected: ['broke-no-contact'] },
  { name: 'caved and messaged, no object', reply: 'Day 9 was hard. I caved and messaged 😔', expected: ['broke-no-contact'] },
  { name: 'slipped up and reached out', reply: 'Honestly I slipped up and reached out on Tuesday. He left me on read.', expected: ['broke-no-contact'] },
  { name: 'typos: txted my ex bf', reply: 'ugh i txted my ex bf happy birthday, couldnt stop myself', expected: ['broke-no-contact'] },
  { name: "dm'd her on instagram", reply: "I dm'd her on instagram after seeing her story", expected: ['broke-no-contact'] },
  { name: 'subject dropped: "Texted him."', reply: 'Texted him. Regret it already.', expected: ['broke-no-contact'] },
  { name: 'sent him a long message', reply: 'I sent him a really long message explaining everything and he still hasnt answered', expected: ['broke-no-contact'] },
  { name: 'answered his call', reply: 'He called on Sunday and I answered his call, we talked for an hour', expected: ['ex-reached-out', 'broke-no-contact'] },
  { name: 'upper case shouting', reply: 'I BROKE NC!!! I CALLED HIM. WHY AM I LIKE THIS', expected: ['broke-no-contact'] },
  { name: 'a set phrase with a negation before it', reply: 'Not gonna lie, I texted him on his birthday', expected: ['broke-no-contact'] },
  { name: '"is it bad that" asks about something that happened', reply: 'Is it bad that I texted him after 3 weeks?', expected: ['broke-no-contact'] },
  { name: 'a few words between giving in and calling', reply: 'i got drunk on saturday and called my ex husband', expected: ['broke-no-contact'] },
];

const notBrokeNoContact: Case[] = [
  { name: 'NOT in capitals', reply: 'I did NOT text him. Proud of myself.', expected: [] },
  { name: "didn't break no contact", reply: "Just checking in, I didn't break no contact even though it was his birthday.", expected: [] },
  { name: "haven't contacted her", reply: "I haven't contacted her since the 3rd.", expected: [] },
  { name: "almost texted but didn't", reply: "I almost texted but didn't. Deleted the draft instead.", expected: [] },
  { name: 'wanted to call so badly', reply: 'I wanted to call him so badly last night, I just sat there holding my phone.', expected: [] },
  { name: 'dont / didnt typos', reply: 'i didnt text him and i dont plan to', expected: [] },
  { name: 'never texted', reply: 'I never texted him back after the breakup and I never will.', expected: [] },
  { name: 'should I text him (question)', reply: 'Should I text him happy birthday? Its his 30th', expected: [] },
  { name: 'a question without a question mark', reply: 'should i call her i miss her so much', expected: [] },
  { name: 'texted a friend, not the ex', reply: 'I texted my best friend instead and she talked me down', expected: [] },
  { name: 'texted her sister', reply: 'I texted her sister to return the jacket.', expected: [] },
  { name: 'a dream', reply: 'I texted him in my dream and woke up in a panic lol', expected: [] },
  { name: 'a conditional', reply: 'If I called him now he would probably pick up.', expected: [] },
  { name: 'typed it but did not send', reply: "I typed out a message to him but didn't send it", expected: [] },
  { name: "texted the ex's family, not the ex", reply: "I texted my ex boyfriend's sister to ask about the dog.", expected: [] },
  { name: 'caved on something else', reply: 'I caved and ate a whole tub of ice cream, but no texting!', expected: [] },
];

const exReachedOut: Case[] = [
  { name: 'my ex texted me', reply: 'My ex texted me out of the blue yesterday.', expected: ['ex-reached-out'] },
  { name: 'she messaged me', reply: 'so she messaged me asking how I am', expected: ['ex-reached-out'] },
  { name: 'he reached out', reply: 'He reached out!! After 3 weeks!', expected: ['ex-reached-out'] },
  { name: 'my ex called', reply: 'My ex called. I let it ring.', expected: ['ex-reached-out'] },
  { name: 'got a text from my ex', reply: 'Got a text from my ex this morning and my heart is racing', expected: ['ex-reached-out'] },
  { name: 'liked my photo and DMed me', reply: 'he liked my photo and DMed me "hey stranger" 🙄', expected: ['ex-reached-out'] },
  { name: "he's been texting me", reply: "He's been texting me every day this week, I haven't answered.", expected: ['ex-reached-out'] },
  { name: 'they, with an explicit "me"', reply: 'They texted me at 3am saying they miss me.', expected: ['ex-reached-out'] },
  { name: 'reported with "what do I do?"', reply: 'he texted me last night, what do I do?', expected: ['ex-reached-out'] },
  { name: "my ex's = my ex has", reply: "my ex's been texting me nonstop since friday", expected: ['ex-reached-out'] },
  { name: "can't believe is disbelief, not negation", reply: "I can't believe he actually texted me 😳", expected: ['ex-reached-out'] },
];

const notExReachedOut: Case[] = [
  { name: 'a hope', reply: 'I hope he reaches out soon.', expected: [] },
  { name: "hasn't texted", reply: "He hasn't texted. It's been 10 days.", expected: [] },
  { name: 'waiting for her to call', reply: 'Still waiting for her to call, I keep checking my phone', expected: [] },
  { name: 'a conditional', reply: 'What do I say if he texts me?', expected: [] },
  { name: 'texted me back is a reply, not reaching out', reply: 'he texted me back after a day', expected: [] },
  { name: 'name-calling, not contact', reply: 'He called me clingy when we broke up and it still hurts.', expected: [] },
  { name: 'reached out to someone else', reply: 'She reached out to my sister to ask about me.', expected: [] },
  { name: 'relationship history', reply: 'He texted me every day when we were together, now nothing.', expected: [] },
  { name: 'a company is not the ex', reply: 'They called me about the job on Monday so at least that is going well.', expected: [] },
];

const exDating: Case[] = [
  { name: 'my ex is dating someone', reply: 'Found out my ex is dating someone from his work.', expected: ['ex-dating'] },
  { name: 'she has a new boyfriend', reply: 'she has a new boyfriend already. 2 months.', expected: ['ex-dating'] },
  { name: "he's seeing someone new", reply: "Apparently he's seeing someone new", expected: ['ex-dating'] },
  { name: 'saw her with another guy', reply: 'saw her with another guy at the farmers market and had to leave', expected: ['ex-dating'] },
  { name: 'his new girlfriend', reply: 'His new girlfriend posted them together on insta.', expected: ['ex-dating'] },
];

const notExDating: Case[] = [
  { name: 'a fear', reply: "I'm afraid he'll start dating and forget about me.", expected: [] },
  { name: 'a hedge', reply: 'I think he might be seeing someone but I dont know', expected: [] },
  { name: 'a question', reply: 'Is she dating someone else?', expected: [] },
  { name: '"is it true that" is a real question', reply: "Is it true that he's dating someone? My friend hinted at it.", expected: [] },
  { name: 'seeing a therapist', reply: "He's seeing a therapist now which is good for him.", expected: [] },
  { name: 'saw him with his friends', reply: 'I saw him with his friends at the bar and just left.', expected: [] },
];

const talkingAgain: Case[] = [
  { name: 'met for coffee', reply: 'We met for coffee on Saturday. It was nice but strange.', expected: ['talking-again'] },
  { name: "we're talking again", reply: "we're talking again 🙂", expected: ['talking-again'] },
  { name: "we've been texting", reply: "we've been texting a lot", expected: ['talking-again'] },
  { name: 'met up, taking it slow', reply: 'We met up and are taking it slow.', expected: ['talking-again'] },
  { name: "I've been talking to him", reply: "I've been talking to him again, just as friends for now", expected: ['talking-again'] },
];

const notTalkingAgain: Case[] = [
  { name: 'a want', reply: 'I want us to talk again someday.', expected: [] },
  { name: 'not talking', reply: "We're not talking and it's killing me.", expected: [] },
  { name: 'talking about something', reply: "We're talking about who keeps the dog through the lawyers.", expected: [] },
  { name: '"we" with friends', reply: 'We had dinner with friends on Friday and I managed not to mention her once.', expected: [] },
  { name: 'the past', reply: 'we talked every day when we were together', expected: [] },
];

const backTogether: Case[] = [
  { name: "we're back together", reply: "Update: we're back together!!", expected: ['back-together'] },
  { name: 'we got back together', reply: 'I wanted to let you know we got back together last week. Thank you for everything.', expected: ['back-together'] },
  { name: 'give it another try', reply: 'After a long talk we decided to give it another try.', expected: ['back-together'] },
  { name: 'he and I are back together', reply: 'he and I are officially back together', expected: ['back-together'] },
];

const notBackTogether: Case[] = [
  { name: 'a wish', reply: 'I wish we were back together.', expected: [] },
  { name: 'a question', reply: 'Will we ever get back together?', expected: [] },
  { name: 'back together but broke up again', reply: 'We got back together in May but broke up again in June.', expected: [] },
  { name: 'the past', reply: 'The last time we got back together it lasted two weeks.', expected: [] },
  { name: '"we were", not "we\'re"', reply: 'we were back together for a month in the spring', expected: [] },
];

const movedOn: Case[] = [
  { name: "I've moved on", reply: "Honestly? I've moved on.", expected: ['moved-on'] },
  { name: "I'm over him", reply: "im so over him lol", expected: ['moved-on'] },
  { name: 'ready to let go and move forward', reply: "I'm ready to let go and move forward. Thank you for this course.", expected: ['moved-on'] },
  { name: 'I met someone new', reply: 'I met someone new and he treats me so well.', expected: ['moved-on'] },
  { name: "don't miss her anymore", reply: "Weirdly I don't miss her anymore.", expected: ['moved-on'] },
];

const notMovedOn: Case[] = [
  { name: "can't move on", reply: "I can't move on. Everything reminds me of him.", expected: [] },
  { name: 'how do I move on', reply: 'how do I move on when we still work together?', expected: [] },
  { name: 'not over him', reply: "I'm not over him, not even close", expected: [] },
  { name: 'he has moved on is not the reader', reply: "He's moved on and I'm still stuck.", expected: [] },
  { name: 'moved on to the next lesson', reply: 'I moved on to the next lesson early, hope that is ok', expected: [] },
];

const noContactDays: Case[] = [
  { name: 'day 12 of no contact', reply: 'Day 12 of no contact. Still hard.', expected: ['no-contact-day@12'] },
  { name: 'Day 5 NC', reply: 'Day 5 NC 💪', expected: ['no-contact-day@5'] },
  { name: '12 days of no contact', reply: "12 days of no contact and I'm sleeping better", expected: ['no-contact-day@12'] },
  { name: 'three weeks is day 21', reply: "it's been 3 weeks of no contact", expected: ['no-contact-day@21'] },
  { name: 'words: two weeks', reply: 'Two weeks no contact today!', expected: ['no-contact-day@14'] },
  { name: 'weeks and days', reply: 'I am at 2 weeks and 3 days of NC', expected: ['no-contact-day@17'] },
  { name: 'NC day 30', reply: 'NC day 30, I made it', expected: ['no-contact-day@30'] },
  { name: 'a goal is not a day', reply: 'My goal is to reach 30 days of no contact.', expected: [] },
  { name: 'a hope is not a day', reply: 'I hope I can make it to day 45 of no contact', expected: [] },
  { name: 'no NC mention', reply: "I'm on day 12 and it's rough.", expected: [] },
  { name: 'a decimal is not five weeks', reply: 'Doing 3.5 weeks of no contact now.', expected: [] },
];

const mixed: Case[] = [
  {
    name: 'day count, then he texted, then I replied',
    reply: "Day 20 of no contact. He texted me yesterday asking to meet. I didn't reply but I want to.",
    expected: ['no-contact-day@20', 'ex-reached-out'],
  },
  {
    name: 'he reached out, we met up, back together',
    reply:
      'So much has happened. He reached out on my birthday, we met for drinks the week after, and now we are back together. I never thought this would happen.',
    expected: ['ex-reached-out', 'talking-again', 'back-together'],
  },
  {
    name: 'broke NC after she got a boyfriend',
    reply: 'She has a new boyfriend and I lost it. I caved and called her. Back to day 1 of no contact.',
    expected: ['ex-dating', 'broke-no-contact', 'no-contact-day@1'],
  },
  {
    name: 'negation and confession in one reply',
    reply: "I didn't text him on Monday. I didn't text him on Tuesday. But on Wednesday I texted him.",
    expected: ['broke-no-contact'],
  },
  {
    name: 'moved on, and he is dating',
    reply: "He's dating someone new apparently, and honestly? I'm over him. I've let go.",
    expected: ['ex-dating', 'moved-on'],
  },
];

const longParagraphs: Case[] = [
  {
    name: 'a long emotional paragraph with one real confession',
    reply: `I don't even know where to start. The weekend was awful, his friends posted pictures from the lake house we
used to go to every summer and I spent Saturday crying on the kitchen floor. I kept thinking about what you said in
lesson 6 about the urge passing if you let it, and I really tried, I went for a run, I called my mum, I wrote in the
journal. But on Sunday night after two glasses of wine I texted him. Just "I miss you". He read it and didn't reply.
I feel humiliated and I know I have to start over but I'm not sure I can.`,
    expected: ['broke-no-contact'],
  },
  {
    name: 'a long paragraph full of wishes and fears, nothing happened',
    reply: `Every night I wish he would just text me. I imagine him calling me and saying he made a mistake. I'm scared
that he's seeing someone and that's why he's quiet. My sister says I should move on but I can't move on, not yet.
What if we get back together one day? Would that be so wrong? I haven't contacted him and I won't, I promise.`,
    expected: [],
  },
  {
    name: 'a long happy update',
    reply: `Hi! I wanted to give you an update since it's been a while. I'm now at 45 days of no contact and I feel like a
different person. I started painting again, I joined a climbing gym, and I'm finally sleeping through the night. I
think about her sometimes but it doesn't hurt the same way. I'm happy on my own. Thank you for the emails, they helped
more than you know.`,
    expected: ['no-contact-day@45', 'moved-on'],
  },
  {
    name: 'a hard-wrapped paragraph: the fear on the previous line still applies',
    reply: `I keep going over it in my head and honestly the thing I am most scared of is
that he's seeing someone already, because his friends stopped following me.`,
    expected: [],
  },
];

const quotedHistory: Case[] = [
  {
    name: 'quoted lesson with ">" lines does not count',
    reply: `Thank you, this one made me cry.

> Day 14: If he texted you today, what would you want to say?
> Most readers have texted their ex at least once by now. I texted him too, back when I went through this.`,
    expected: [],
  },
  {
    name: 'history after "On ... wrote:" does not count',
    reply: `Day 14 of NC, going strong.

On Tue, Mar 4, 2025 at 8:00 AM Mend <hello@mend.example> wrote:
Some readers tell us "we're back together" after a month. I broke no contact twice myself.`,
    expected: ['no-contact-day@14'],
  },
  {
    name: 'history after "-----Original Message-----" does not count',
    reply: `he texted me. no idea what to do

-----Original Message-----
From: Mend
I've moved on, wrote one reader. We got back together, wrote another.`,
    expected: ['ex-reached-out'],
  },
];

describe('recogniseSignals', () => {
  it.each(brokeNoContact)('does recognise breaking no contact: $name', ({ reply, expected }) => {
    expect(summary(recogniseSignals(reply))).toEqual(expected);
  });

  it.each(notBrokeNoContact)('does not recognise breaking no contact: $name', ({ reply, expected }) => {
    expect(summary(recogniseSignals(reply))).toEqual(expected);
  });

  it.each(exReachedOut)('does recognise the ex reaching out: $name', ({ reply, expected }) => {
    expect(summary(recogniseSignals(reply))).toEqual(expected);
  });

  it.each(notExReachedOut)('does not recognise the ex reaching out: $name', ({ reply, expected }) => {
    expect(summary(recogniseSignals(reply))).toEqual(expected);
  });

  it.each(exDating)('does recognise the ex dating: $name', ({ reply, expected }) => {
    expect(summary(recogniseSignals(reply))).toEqual(expected);
  });

  it.each(notExDating)('does not recognise the ex dating: $name', ({ reply, expected }) => {
    expect(summary(recogniseSignals(reply))).toEqual(expected);
  });

  it.each(talkingAgain)('does recognise talking again: $name', ({ reply, expected }) => {
    expect(summary(recogniseSignals(reply))).toEqual(expected);
  });

  it.each(notTalkingAgain)('does not recognise talking again: $name', ({ reply, expected }) => {
    expect(summary(recogniseSignals(reply))).toEqual(expected);
  });

  it.each(backTogether)('does recognise being back together: $name', ({ reply, expected }) => {
    expect(summary(recogniseSignals(reply))).toEqual(expected);
  });

  it.each(notBackTogether)('does not recognise being back together: $name', ({ reply, expected }) => {
    expect(summary(recogniseSignals(reply))).toEqual(expected);
  });

  it.each(movedOn)('does recognise moving on: $name', ({ reply, expected }) => {
    expect(summary(recogniseSignals(reply))).toEqual(expected);
  });

  it.each(notMovedOn)('does not recognise moving on: $name', ({ reply, expected }) => {
    expect(summary(recogniseSignals(reply))).toEqual(expected);
  });

  it.each(noContactDays)('does read the no-contact day: $name', ({ reply, expected }) => {
    expect(summary(recogniseSignals(reply))).toEqual(expected);
  });

  it.each(mixed)('does find mixed signals in text order: $name', ({ reply, expected }) => {
    expect(summary(recogniseSignals(reply))).toEqual(expected);
  });

  it.each(longParagraphs)('does handle long paragraphs: $name', ({ reply, expected }) => {
    expect(summary(recogniseSignals(reply))).toEqual(expected);
  });

  it.each(quotedHistory)('does ignore quoted history: $name', ({ reply, expected }) => {
    expect(summary(recogniseSignals(reply))).toEqual(expected);
  });

  it('does give the triggering sentence as evidence, trimmed', () => {
    const found = recogniseSignals("Hi there.   Day 9 of NC!  My ex texted me last night.\nThat's all.");
    expect(found).toEqual([
      { signal: 'no-contact-day', evidence: 'Day 9 of NC!', day: 9 },
      { signal: 'ex-reached-out', evidence: 'My ex texted me last night.' },
    ]);
  });

  it('does keep the first evidence when a signal repeats', () => {
    const found = recogniseSignals('I texted him on Friday. Then I called him on Saturday. Then I texted him again.');
    expect(found).toEqual([{ signal: 'broke-no-contact', evidence: 'I texted him on Friday.' }]);
  });

  it('does cut evidence to at most 200 characters around the match', () => {
    const filler = 'and the whole week was a blur of work and crying and more work '.repeat(6);
    const [hit] = recogniseSignals(`Honestly ${filler}and on Sunday I texted him ${filler}`);
    expect(hit?.signal).toBe('broke-no-contact');
    expect(hit!.evidence.length).toBeLessThanOrEqual(200);
    expect(hit!.evidence).toContain('I texted him');
  });

  it('does return only valid signals, and nothing for empty or blank text', () => {
    for (const c of [...mixed, ...exDating]) {
      for (const r of recogniseSignals(c.reply)) expect(Signal.safeParse(r.signal).success).toBe(true);
    }
    expect(recogniseSignals('')).toEqual([]);
    expect(recogniseSignals('  \n\n ')).toEqual([]);
  });

  it('does give the same answer every time (pure, no state between calls)', () => {
    const reply = mixed[1]!.reply;
    expect(recogniseSignals(reply)).toEqual(recogniseSignals(reply));
  });

  it('does stay quick on a very long reply', () => {
    const reply = 'I miss him so much and I keep going back and forth, '.repeat(300) + 'I texted him.';
    const t0 = performance.now();
    expect(summary(recogniseSignals(reply))).toEqual(['broke-no-contact']);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

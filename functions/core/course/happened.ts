/**
 * The "tell me what happened" links in every lesson's footer: the anytime events of the outline
 * (shared/course-outline.md), each acting exactly as the same words in a reply would (the signal
 * of the same name, applied by applySignals). Pure data: the email footer and the pages read it.
 */
export const HAPPENED = [
  {
    id: 'broke-no-contact',
    label: 'I broke no contact',
    ask: 'You broke no contact?',
    explain: 'It happens to almost everyone. Tell me, and your no-contact count starts again from today, with a supportive lesson next.',
  },
  {
    id: 'ex-reached-out',
    label: 'My ex reached out',
    ask: 'Your ex got in touch?',
    explain: 'Tell me, and your next lesson is about exactly that: whether and how to answer, in a way that protects your healing.',
  },
  {
    id: 'back-together',
    label: "We're back together",
    ask: 'You are back together?',
    explain: 'Tell me, and the rest of the course turns to what helps a couple who try again: going slowly, and keeping it healthy.',
  },
  {
    id: 'moved-on',
    label: "I've moved on",
    ask: 'You have moved on?',
    explain: 'Tell me, and the last lessons are about moving forward: your own life, at your own pace.',
  },
] as const;

export type HappenedId = (typeof HAPPENED)[number]['id'];
export const HAPPENED_IDS = HAPPENED.map((h) => h.id) as HappenedId[];
export const happenedOf = (id: string) => HAPPENED.find((h) => h.id === id);

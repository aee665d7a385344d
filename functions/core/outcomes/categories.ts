import { z } from 'zod';

/** The long-term outcome categories every report uses (shared/course-outline.md). */
export const Outcome = z.enum([
  'together-healthy',
  'together-struggling',
  'broke-up-again',
  'moved-on',
  'new-relationship',
  'undecided',
]);
export type Outcome = z.infer<typeof Outcome>;

export const OUTCOMES: Record<Outcome, { label: string; short: string }> = {
  'together-healthy': { label: "We're back together, and it feels healthy", short: 'Back together, healthy' },
  'together-struggling': { label: "We're back together, but it's a struggle / on and off", short: 'Back together, on/off' },
  'broke-up-again': { label: 'We got back together, then broke up again', short: 'Broke up again' },
  'moved-on': { label: "I've moved on, and I'm okay on my own", short: 'Moved on' },
  'new-relationship': { label: "I'm in a new relationship", short: 'New relationship' },
  undecided: { label: "Still in no contact, or I haven't decided", short: 'No contact / undecided' },
};

/** Reports add this for readers asked at a checkpoint who never answered. */
export const NO_RESPONSE = 'no_response';

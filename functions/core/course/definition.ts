import type { CourseDefinition } from './schema.js';

/**
 * The course: three tracks, their paths, branch points and interjections. Lesson ids name the
 * templates in emails/lessons/ (see emails/lessons/index.ts). Timings follow the author's method
 * (shared/course-outline.md): no contact for at least 30 days on the tumultuous track, 45 days on
 * the healthy one; the stress track's short break and its branch a few days in.
 *
 * Changing anything here makes a new course version: bump `version` and move the old object
 * into history.ts, so readers who started on it finish the course they started.
 *
 * How questions behave (engine.ts): a re-ask says how long it has been and is a different lesson
 * each time in a row; after the last one the reader is asked whether to keep asking at all.
 * Silence never counts as an answer a reader could have given: a branch's `finally` is a hidden
 * choice whose lesson says honestly that no answer came, and keeps the door open.
 */
export const course: CourseDefinition = {
  version: '2026-12-02',
  tracks: {
    tumultuous: {
      paths: {
        main: [
          { lesson: 'tumultuous/day-00', day: 0 },
          { lesson: 'tumultuous/day-01', day: 1 },
          { lesson: 'shared/first-days', day: 2 },
          { lesson: 'tumultuous/day-03', day: 3 },
          { lesson: 'shared/communication', day: 5 },
          { lesson: 'shared/self-esteem', day: 7 },
          { lesson: 'shared/personal-growth', day: 10 },
          { lesson: 'shared/ex-reached-out', day: 13 },
          { lesson: 'tumultuous/day-16', day: 16 },
          { lesson: 'tumultuous/day-20', day: 20 },
          { lesson: 'tumultuous/day-24', day: 24 },
          // The honest odds before the decision, not only after the reader has reached out.
          { lesson: 'tumultuous/day-26', day: 26 },
          { lesson: 'shared/readiness', day: 28 },
          { lesson: 'tumultuous/day-30', day: 30, branch: 'tumultuous-decision', noContactDays: 30 },
        ],
        reconnect: [
          { lesson: 'tumultuous/day-31', day: 31 },
          { lesson: 'shared/meet-slowly', day: 34 },
          { lesson: 'tumultuous/day-37', day: 37 },
          { lesson: 'shared/mental-health-first', day: 41 },
          { lesson: 'tumultuous/day-45', day: 45 },
        ],
        'move-on': [
          { lesson: 'shared/move-forward', day: 31 },
          { lesson: 'shared/new-chapter', day: 35 },
          { lesson: 'shared/closing', day: 40 },
        ],
        'no-answer': [{ lesson: 'shared/no-answer', day: 0, branch: 'tumultuous-reopen' }],
        'own-pace': [{ lesson: 'shared/own-pace', day: 0 }],
      },
    },
    healthy: {
      paths: {
        main: [
          { lesson: 'healthy/day-00', day: 0 },
          { lesson: 'healthy/day-01', day: 1 },
          { lesson: 'healthy/day-02', day: 2 },
          { lesson: 'shared/first-days', day: 3 },
          { lesson: 'healthy/day-05', day: 5 },
          { lesson: 'healthy/day-08', day: 8 },
          { lesson: 'healthy/day-11', day: 11 },
          { lesson: 'healthy/day-14', day: 14 },
          { lesson: 'shared/self-esteem', day: 17 },
          // Everything the stormy track teaches during no contact, as the outline asks.
          { lesson: 'shared/communication', day: 19 },
          { lesson: 'shared/ex-reached-out', day: 21 },
          { lesson: 'healthy/day-23', day: 23 },
          { lesson: 'healthy/day-26', day: 26 },
          { lesson: 'shared/ex-dating', day: 28 },
          { lesson: 'shared/personal-growth', day: 31 },
          { lesson: 'healthy/day-33', day: 33 },
          { lesson: 'healthy/day-35', day: 35 },
          { lesson: 'shared/readiness', day: 40 },
          { lesson: 'healthy/day-45', day: 45, branch: 'healthy-decision', noContactDays: 45 },
        ],
        reconnect: [
          { lesson: 'healthy/day-46', day: 46 },
          { lesson: 'shared/meet-slowly', day: 49 },
          { lesson: 'healthy/day-53', day: 53 },
          { lesson: 'healthy/day-60', day: 60, noContactDays: 60 },
        ],
        // A couple back together gets the closing lessons for couples, not "ask whether they want to try again".
        together: [
          { lesson: 'healthy/day-53', day: 53 },
          { lesson: 'shared/together', day: 57 },
        ],
        'move-on': [
          { lesson: 'shared/move-forward', day: 46 },
          { lesson: 'shared/new-chapter', day: 50 },
          { lesson: 'shared/closing', day: 55 },
        ],
        'no-answer': [{ lesson: 'shared/no-answer', day: 0, branch: 'healthy-reopen' }],
        'own-pace': [{ lesson: 'shared/own-pace', day: 0 }],
      },
    },
    stress: {
      paths: {
        main: [
          { lesson: 'stress/day-00', day: 0 },
          { lesson: 'stress/day-01', day: 1 },
          { lesson: 'stress/day-02', day: 2 },
          { lesson: 'stress/day-03', day: 3 },
          { lesson: 'stress/day-04', day: 4, branch: 'stress-talk' },
        ],
        talking: [
          { lesson: 'stress/day-05', day: 5 },
          { lesson: 'stress/day-07', day: 7 },
          { lesson: 'stress/day-10', day: 10 },
          { lesson: 'shared/communication', day: 13 },
          { lesson: 'stress/day-17', day: 17 },
          { lesson: 'stress/day-21', day: 21 },
          { lesson: 'stress/day-28', day: 28 },
        ],
        'move-on': [
          { lesson: 'shared/move-forward', day: 5 },
          { lesson: 'shared/new-chapter', day: 9 },
          { lesson: 'shared/closing', day: 14 },
        ],
      },
    },
  },
  branches: {
    'stress-talk': {
      id: 'stress-talk',
      question: 'Did your ex agree to talk?',
      reask: 'It has been {sinceStart} since you started. Did your ex agree to talk?',
      choices: [
        {
          id: 'talking',
          label: "We're talking again",
          next: 'Tomorrow: how to take it slowly and fix the real problem together.',
          action: { type: 'goto', to: { track: 'stress', path: 'talking' } },
        },
        adamant('tumultuous', 'My ex is adamant, and it was a stormy relationship'),
        adamant('healthy', 'My ex is adamant, and it was a loving relationship'),
        {
          id: 'not-yet',
          label: 'Not yet: we are still on the break',
          next: 'A break can last up to a month. I will check in with you again in about a week.',
          action: { type: 'repeat', days: 6, lesson: 'stress/break-check', then: ['stress/break-check-2', 'stress/break-check-3'] },
        },
        quietlyToHealthy(),
      ],
      timeoutDays: 4,
      onTimeout: 'not-yet',
      // The question and three quiet re-asks, about a week apart, is close to a month: the longest a break usually lasts.
      maxTimeouts: 3,
      finally: 'no-answer',
      enough: { lesson: 'stress/break-long', branch: 'stress-long-break' },
    },
    'stress-long-break': {
      id: 'stress-long-break',
      question: 'Do you want me to keep asking about the break?',
      choices: [
        {
          id: 'talking',
          label: "We're talking again",
          next: 'Tomorrow: how to take it slowly and fix the real problem together.',
          action: { type: 'goto', to: { track: 'stress', path: 'talking' } },
        },
        {
          id: 'keep-asking',
          label: 'Yes, check in with me once a week',
          next: 'I will check in again in a week. Until then, keep looking after yourself.',
          action: {
            type: 'repeat',
            days: 7,
            lesson: 'stress/break-check',
            then: ['stress/break-check-2', 'stress/break-check-3'],
            ask: 'stress-talk',
            fresh: true,
          },
        },
        adamant('tumultuous', 'No more questions: it was a stormy relationship'),
        adamant('healthy', 'No more questions: it was a loving relationship'),
        quietlyToHealthy(),
      ],
      timeoutDays: 5,
      onTimeout: 'no-answer',
      maxTimeouts: 0,
      finally: 'no-answer',
    },
    ...decisionBranches('tumultuous', 'At least 30 days of no contact: how do you feel?'),
    ...decisionBranches('healthy', 'Six weeks of no contact: how do you feel?'),
  },
  interjections: {
    'broke-no-contact': 'shared/broke-no-contact',
    'ex-reached-out': 'shared/ex-reached-out',
    'ex-dating': 'shared/ex-dating',
  },
  // A second slip still gets the supportive lesson; after that the count restarts without it.
  interjectionTimes: { 'broke-no-contact': 2 },
  waiting: ['shared/start-again', 'shared/triggers', 'shared/alone', 'shared/unsent-letter'],
  resolutions: {
    'back-together': {
      tumultuous: { track: 'tumultuous', path: 'reconnect', lesson: 'shared/mental-health-first' },
      healthy: { track: 'healthy', path: 'together' },
      stress: { track: 'stress', path: 'talking', lesson: 'stress/day-10' },
    },
    'moved-on': {
      tumultuous: { track: 'tumultuous', path: 'move-on' },
      healthy: { track: 'healthy', path: 'move-on' },
      stress: { track: 'stress', path: 'move-on' },
    },
  },
};

type Branches = CourseDefinition['branches'];
type ChoiceDef = Branches[string]['choices'][number];

/** Leaving the stress track because the ex is adamant: the chosen track, from its first day of no contact. */
function adamant(track: 'tumultuous' | 'healthy', label: string): ChoiceDef {
  const what = track === 'tumultuous' ? 'the track for stormy relationships' : 'the track for loving relationships that ended';
  return {
    id: `adamant-${track}`,
    label,
    next: `We will treat this as a real breakup. Tomorrow you start ${what}: what it is about, and where to begin.`,
    action: { type: 'goto', to: { track, path: 'main', lesson: `${track}/day-01` }, startNoContact: true },
  };
}

/** No answer about the break for about a month: the lesson that follows says so, and how to switch. */
function quietlyToHealthy(): ChoiceDef {
  return {
    id: 'no-answer',
    label: 'No answer came',
    next: 'No answer came, so the course goes on with the track for loving relationships that ended.',
    hidden: true,
    action: { type: 'goto', to: { track: 'healthy', path: 'main', lesson: 'healthy/day-01' }, startNoContact: true },
  };
}

/** The decision at the end of no contact, and the two questions that can follow it. */
function decisionBranches(track: 'tumultuous' | 'healthy', question: string): Branches {
  const decision = `${track}-decision`;
  const reasks = { lesson: 'shared/more-time', then: ['shared/more-time-2', 'shared/more-time-3'] };
  const ready: ChoiceDef = {
    id: 'ready',
    label: "I'm ready to reconnect",
    next: 'Tomorrow: how to reach out with a short, calm message, and what to do next.',
    action: { type: 'goto', to: { track, path: 'reconnect' } },
  };
  const moveOn: ChoiceDef = {
    id: 'move-on',
    label: "I've decided to move on",
    next: 'That takes courage. The last lessons are about moving forward, at your pace.',
    action: { type: 'goto', to: { track, path: 'move-on' } },
  };
  const quiet = (id: string): ChoiceDef => ({
    id,
    label: 'No answer came',
    next: 'No answer came, so the questions stop and the door stays open.',
    hidden: true,
    action: { type: 'goto', to: { track, path: 'no-answer' } },
  });
  return {
    [decision]: {
      id: decision,
      question,
      reask: 'After {weeksNoContact} weeks of no contact, how do you feel now?',
      choices: [
        ready,
        {
          id: 'more-time',
          label: 'I need more time',
          next: 'Good call. No contact goes on for two more weeks; take them for yourself. I will ask again then.',
          action: { type: 'repeat', days: 14, ...reasks },
        },
        moveOn,
        quiet('no-answer'),
      ],
      timeoutDays: 7,
      onTimeout: 'more-time',
      // The question and three quiet re-asks: then an honest lesson for a reader who decided nothing.
      maxTimeouts: 3,
      finally: 'no-answer',
      enough: { lesson: 'shared/keep-asking', branch: `${track}-keep-asking` },
    },
    [`${track}-keep-asking`]: {
      id: `${track}-keep-asking`,
      question: 'Do you want me to keep asking?',
      choices: [
        {
          id: 'keep-asking',
          label: 'Yes, ask me again in two weeks',
          next: 'I will ask again in two weeks. No contact goes on; take the time for yourself.',
          action: { type: 'repeat', days: 14, ...reasks, ask: decision, fresh: true },
        },
        {
          id: 'ask-monthly',
          label: 'Ask me once a month instead',
          next: 'I will ask again in about a month. Take all the time you need.',
          action: { type: 'repeat', days: 30, ...reasks, ask: decision, fresh: true },
        },
        {
          id: 'stop-asking',
          label: "No more questions: I'll go at my own pace",
          next: 'No more questions. Tomorrow comes the last lesson: how to tell when you are ready, whenever that is.',
          action: { type: 'goto', to: { track, path: 'own-pace' } },
        },
        quiet('quiet'),
      ],
      timeoutDays: 7,
      onTimeout: 'quiet',
      maxTimeouts: 0,
      finally: 'quiet',
    },
    [`${track}-reopen`]: {
      id: `${track}-reopen`,
      question: 'Would you like to answer after all?',
      choices: [
        ready,
        {
          id: 'more-time',
          label: 'I still need time: ask me again in two weeks',
          next: 'I will ask again in two weeks. No contact goes on; take the time for yourself.',
          action: { type: 'repeat', days: 14, ...reasks, ask: decision, fresh: true },
        },
        moveOn,
        {
          id: 'carry-on',
          label: 'Carry on without answering',
          next: 'The next lessons are about your own life, whatever you decide.',
          hidden: true,
          action: { type: 'goto', to: { track, path: 'move-on', lesson: 'shared/new-chapter' } },
        },
      ],
      timeoutDays: 4,
      onTimeout: 'carry-on',
      maxTimeouts: 0,
      finally: 'carry-on',
    },
  };
}

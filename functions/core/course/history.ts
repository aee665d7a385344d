import type { CourseDefinition } from './schema.js';

/**
 * Retired course versions, kept exactly as they were: a reader follows the version they started
 * on (positions are path + index in it), so these objects never change. Newest first.
 */

/** The course until 2026-12: re-asks repeated one lesson, silence moved readers on without a word. */
export const course20261128: CourseDefinition = {
  version: '2026-11-28',
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
          { lesson: 'shared/readiness', day: 27 },
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
          { lesson: 'shared/ex-reached-out', day: 20 },
          { lesson: 'healthy/day-23', day: 23 },
          { lesson: 'shared/ex-dating', day: 27 },
          { lesson: 'shared/personal-growth', day: 31 },
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
        'move-on': [
          { lesson: 'shared/move-forward', day: 46 },
          { lesson: 'shared/new-chapter', day: 50 },
          { lesson: 'shared/closing', day: 55 },
        ],
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
      choices: [
        {
          id: 'talking',
          label: "We're talking again",
          next: 'Tomorrow: how to take it slowly and fix the real problem together.',
          action: { type: 'goto', to: { track: 'stress', path: 'talking' } },
        },
        {
          id: 'adamant-tumultuous',
          label: 'My ex is adamant, and it was a stormy relationship',
          next: 'We will treat this as a real breakup. Tomorrow you start the track for stormy relationships, beginning with no contact.',
          action: { type: 'goto', to: { track: 'tumultuous', path: 'main', lesson: 'tumultuous/day-01' }, startNoContact: true },
        },
        {
          id: 'adamant-healthy',
          label: 'My ex is adamant, and it was a loving relationship',
          next: 'We will treat this as a real breakup. Tomorrow you start the track for loving relationships that ended.',
          action: { type: 'goto', to: { track: 'healthy', path: 'main', lesson: 'healthy/day-01' }, startNoContact: true },
        },
        {
          id: 'not-yet',
          label: 'Not yet: we are still on the break',
          next: 'A break can last up to a month. I will check in with you again in four days.',
          action: { type: 'repeat', days: 4, lesson: 'stress/break-check' },
        },
      ],
      timeoutDays: 4,
      onTimeout: 'not-yet',
      // Seven quiet re-asks is about a month: the longest a break usually lasts.
      maxTimeouts: 6,
      finally: 'adamant-healthy',
    },
    'tumultuous-decision': decision20261128('tumultuous', 'At least 30 days of no contact: how do you feel?'),
    'healthy-decision': decision20261128('healthy', 'Six weeks of no contact: how do you feel?'),
  },
  interjections: {
    'broke-no-contact': 'shared/broke-no-contact',
    'ex-reached-out': 'shared/ex-reached-out',
    'ex-dating': 'shared/ex-dating',
  },
  resolutions: {
    'back-together': {
      tumultuous: { track: 'tumultuous', path: 'reconnect', lesson: 'shared/mental-health-first' },
      healthy: { track: 'healthy', path: 'reconnect', lesson: 'healthy/day-53' },
      stress: { track: 'stress', path: 'talking', lesson: 'stress/day-10' },
    },
    'moved-on': {
      tumultuous: { track: 'tumultuous', path: 'move-on' },
      healthy: { track: 'healthy', path: 'move-on' },
      stress: { track: 'stress', path: 'move-on' },
    },
  },
};

function decision20261128(track: 'tumultuous' | 'healthy', question: string): CourseDefinition['branches'][string] {
  return {
    id: `${track}-decision`,
    question,
    choices: [
      {
        id: 'ready',
        label: "I'm ready to reconnect",
        next: 'Tomorrow: how to reach out with a short, calm message, and what to do next.',
        action: { type: 'goto', to: { track, path: 'reconnect' } },
      },
      {
        id: 'more-time',
        label: 'I need more time',
        next: 'Good call. No contact goes on for two more weeks; take them for yourself. I will ask again then.',
        action: { type: 'repeat', days: 14, lesson: 'shared/more-time' },
      },
      {
        id: 'move-on',
        label: "I've decided to move on",
        next: 'That takes courage. The last lessons are about moving forward, at your pace.',
        action: { type: 'goto', to: { track, path: 'move-on' } },
      },
    ],
    timeoutDays: 7,
    onTimeout: 'more-time',
    maxTimeouts: 4,
    finally: 'move-on',
  };
}

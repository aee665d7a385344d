import { html } from 'hono/html';
import type { HAPPENED } from '../../core/course/happened.js';
import type { HappenedEffect } from '../../core/readers/happened.js';
import { messagePage, page, type Html } from './shell.js';

type Event = (typeof HAPPENED)[number];

/** A GET of a "tell me what happened" link: mail scanners fetch links, so only the button acts. */
export function happenedConfirmPage(event: Event, action: string, author: string): Html {
  return page({
    title: event.ask,
    author,
    body: html`<div class="card"><h1>${event.ask}</h1>
<p>${event.explain}</p>
<form method="post" action="${action}"><button>Yes: ${event.label}</button></form>
<p class="hint">Clicked by mistake? Just close this page: nothing changes until you press the button.</p></div>`,
  });
}

const NEXT: Record<Event['id'], Partial<Record<HappenedEffect, string>>> = {
  'broke-no-contact': {
    lesson: 'Your no-contact count starts again from today, and your next email, at your usual time, is a lesson about exactly this.',
    restarted: "Your no-contact count starts again from today. You've had the lesson about slips already, so the course simply carries on.",
  },
  'ex-reached-out': {
    lesson: 'Your next email, at your usual time, is a lesson about exactly this: whether and how to answer.',
    unchanged: "You've had the lesson about this already; it is worth reading again. The course carries on as before.",
  },
  'back-together': {
    moved: 'From your next lesson, the course turns to what helps a couple who try again.',
    unchanged: 'The lessons you are getting already fit where you are, so the course carries on as it is.',
  },
  'moved-on': {
    moved: 'From your next lesson, the course turns to moving forward, at your own pace.',
    unchanged: 'The lessons you are getting already fit where you are, so the course carries on as it is.',
  },
};

const ANY: Partial<Record<HappenedEffect, string>> = {
  paused: 'Your lessons are paused, so nothing in the course changes until you resume them.',
  finished: 'The lessons have finished, so nothing in the course changes, but I am glad to know.',
  unchanged: 'The course carries on as it is.',
};

export function happenedDonePage(event: Event, effect: HappenedEffect, author: string): Html {
  return messagePage({
    author,
    title: 'Thank you for telling me.',
    paragraphs: [
      `Noted: ${event.label}.`,
      NEXT[event.id][effect] ?? ANY[effect] ?? ANY.unchanged!,
      'If you want to say more, reply to any lesson. I read every message, and nothing you write is shared.',
    ],
  });
}

/** The news came from a reader we send no lessons to: nothing in the course to change. */
export const happenedStoppedPage = (author: string): Html =>
  messagePage({
    author,
    title: 'Nothing to change',
    paragraphs: ['No lessons are being sent to you, so there is nothing in the course to change. Thank you for telling me all the same.'],
  });

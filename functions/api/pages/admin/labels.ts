import { SITUATIONS } from '../../../core/enrollment/input.js';
import { NO_RESPONSE, OUTCOMES, type Outcome } from '../../../core/outcomes/categories.js';
import { ReaderStatus, Situation } from '../../../core/readers/vocabulary.js';
import { Signal } from '../../../core/signals/kinds.js';
import { lessonTitle, trackName } from '../../../core/course/titles.js';

/** Names the author reads on the dashboard, one place: the readers' own words, with the API code beside them. */
export const situationLabel = (s: string) => (SITUATIONS[s as Situation] ? `${SITUATIONS[s as Situation].title} (${s})` : s);
export const SITUATION_OPTIONS = Situation.options.map((s) => [s, situationLabel(s)] as const);
/** "Stormy (tumultuous track)": the name readers know, then the code with "track", as filters and exports say it. */
export const trackLabel = (t: string) => {
  const name = trackName(t);
  return name === t ? `${t} track` : `${name.replace(/ \((.*)\)$/, ' ($1 track)')}`;
};
export const TRACK_OPTIONS = Situation.options.map((s) => [s, trackLabel(s)] as const);
export { lessonTitle };
export const STATUS_OPTIONS = ReaderStatus.options.map((s) => [s, s] as const);
export const SIGNAL_OPTIONS = Signal.options.map((s) => [s, s.replace(/-/g, ' ')] as const);
export const OUTCOME_OPTIONS = (Object.keys(OUTCOMES) as Outcome[]).map((o) => [o, OUTCOMES[o].short] as const);
export const categoryLabel = (k: string) => (k === NO_RESPONSE ? 'No response' : (OUTCOMES[k as Outcome]?.short ?? k));

/** One colour per category; "no response" is grey so it reads as absence, not as an answer. */
export const CATEGORY_COLOURS: Record<string, string> = {
  'together-healthy': '#3f8f6b',
  'together-struggling': '#c9943a',
  'broke-up-again': '#c25b4e',
  'moved-on': '#4f79b8',
  'new-relationship': '#8a63b0',
  undecided: '#7fb3b0',
  [NO_RESPONSE]: '#d5d0ca',
};

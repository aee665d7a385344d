import { course } from '../../../functions/core/course/definition.js';
import { Lesson, branchPreview, factsOf, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

/** The second re-ask about the break: the waiting itself. */
export const meta: LessonMeta = {
  id: 'stress/break-check-2',
  day: 0,
  subject: 'The waiting is the hard part',
  preview: 'How to keep living your life while the break goes on.',
};

export default function StressBreakCheck2(props: LessonProps) {
  const f = factsOf(props);
  return (
    <Lesson {...props} meta={meta} title="While the break goes on">
      <P>
        It has been {f.sinceStart} now, and {f.sinceAsked} since I last asked about your break. If you're still waiting,
        you may be tired of it: of checking your phone, of replaying the last conversation, of not knowing what to tell
        friends.
      </P>
      <P>
        Waiting is hard because it puts life on hold. So let's take it off hold a little. The break was meant to give
        both of you room to breathe, and you are allowed to use your half of that room for yourself: plans with friends,
        sleep, the work or study that was weighing on you, something you enjoy.
      </P>
      <P>
        It also helps to give the waiting a shape. Instead of wondering every hour, pick one moment a day to check
        whether anything has changed, and let the rest of the day be yours. A message from your ex will still be there
        when you look.
      </P>
      <P>
        If your ex is still silent, that doesn't have to mean the worst. But it is worth noticing how long it has been,
        and how you feel about that. I'll check in once more in about a week. If I still haven't heard from you some time
        after that, the course will treat this as a breakup and move on to healing, and I'll say so when it does.
      </P>
      <Exercise>
        Choose your one daily moment for checking your messages, and write it down. Then plan one thing for this week that
        has nothing to do with your ex.
      </Exercise>
    </Lesson>
  );
}

StressBreakCheck2.PreviewProps = branchPreview(
  course.branches['stress-talk']!.reask!.replace('{sinceStart}', 'about two weeks'),
  course.branches['stress-talk']!.choices,
);

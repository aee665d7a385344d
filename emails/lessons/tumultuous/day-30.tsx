import { course } from '../../../functions/core/course/definition.js';
import { Lesson, branchPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'tumultuous/day-30',
  day: 30,
  subject: 'A month of no contact: how are you, really?',
  preview: 'A gentle check on where you are, before you decide what comes next.',
};

export default function TumultuousDay30(props: LessonProps) {
  return (
    <Lesson
      {...props}
      meta={meta}
      title="Thirty days: are you ready?"
      reply="If a click can't say it all, reply and tell me where you are. Every reply is read."
    >
      <P>
        You've reached at least thirty days of no contact. Slips, long evenings, small wins: it was hard, and you did it. Take a moment to recognise that.
      </P>
      <P>
        Thirty days is a minimum, not a finish line. Some people feel ready after three weeks; for others it takes several
        months, and that's completely normal. The right moment isn't a date on the calendar. It's a state of mind.
      </P>
      <P>
        Here's the check I'd like you to try. Read this sentence slowly and notice how it lands: <strong>"I don't need my
        ex to be happy."</strong> You may still want them back. But if it doesn't work out, you know you'll be okay, and
        your life has things in it that are yours.
      </P>
      <P>
        If that sentence feels true, on most days if not all, you may be ready to reconnect, calmly and without
        expectations. If it feels false, or you'd mainly be reaching out to stop the pain, that's a sign to give yourself
        more time, and that's wisdom, not failure. And if these weeks have shown you that you'd rather let this
        relationship go, that is a brave and healthy choice too.
      </P>
      <P>
        There's no wrong answer, and you can change your mind later. Take a quiet moment with the check below, then pick
        the answer that fits you today.
      </P>
      <Exercise>
        Write "I don't need my ex to be happy" at the top of a page. Underneath, give it a score from 1 to 10 for how true
        it feels today, and one sentence on why you chose that number.
      </Exercise>
    </Lesson>
  );
}

TumultuousDay30.PreviewProps = branchPreview(course.branches['tumultuous-decision']!.question, course.branches['tumultuous-decision']!.choices);

import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'healthy/day-05',
  day: 5,
  subject: 'Looking back: how you showed up',
  preview: 'A gentle, honest look at your side of the relationship, without beating yourself up.',
};

export default function HealthyDay05(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Reflection 1: how you showed up">
      <P>
        Over the next couple of weeks, you'll find four short reflections in these lessons. They ask you to look back
        with curiosity rather than blame, and they are for you alone. Today's is about your own side of the
        relationship. If you wrote the note from the first lesson, about when you first noticed things changing, read it
        again now: it is a good place to start.
      </P>
      <P>
        A relationship is made by two people, and you can only change your half. So ask yourself, honestly and kindly,
        how you tended to behave. Here are some questions to sit with:
      </P>
      <P>
        Did you start a lot of the arguments, or avoid every difficult talk? Did you need frequent reassurance, or fear
        they would leave? Were you often jealous, or quick to criticise them, or yourself? Did you go along with things
        you didn't want, just to keep the peace? Did you make it harder for them to see their friends or family?
      </P>
      <P>
        You won't answer yes to all of these, and nobody answers no to all of them. The point is not to prove that you
        were the problem. It is to notice your patterns, because patterns travel with us into every relationship, this
        one or the next. Seeing them clearly is where change begins.
      </P>
      <P>If this feels heavy, take it in small pieces. Looking at yourself like this takes courage.</P>
      <Exercise>
        Take ten quiet minutes and write three honest sentences that begin "In our relationship, I tended to...". Then
        add one thing you would like to do differently in the future. Keep the page; the next reflections build on it.
      </Exercise>
    </Lesson>
  );
}

HealthyDay05.PreviewProps = lessonPreview;

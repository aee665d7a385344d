import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'healthy/day-11',
  day: 11,
  subject: 'Looking back: what could change',
  preview: 'How the patterns you found could be worked through, by you and perhaps by them.',
};

export default function HealthyDay11(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Reflection 3: what would help">
      <P>
        You have looked at your own habits and at the loop between you. Today's question is a more hopeful one: how
        could these patterns be resolved?
      </P>
      <P>
        Most of the problems that slowly wear down a loving relationship come back to three things: how you
        communicate, how you feel about yourself, and whether you have a full life of your own. Someone who can say
        what they need calmly, who doesn't rely on a partner for all of their sense of worth, and who has friends,
        interests and goals brings far less strain into a relationship.
      </P>
      <P>
        Go back to your notes. For each pattern, ask what would have helped. Maybe saying "I feel left out when plans
        change at the last minute" instead of going quiet for a day. Maybe raising a worry at a calm moment, without
        opening with what they did wrong. Maybe needing less reassurance because you feel steadier in yourself.
      </P>
      <P>
        Be honest about the other side too. Some fixes would need your ex to change, to open up or to stay in a hard
        conversation. You can't do that part for them. Knowing which pieces are yours and which are theirs will matter
        later, whether you reconnect or move forward.
      </P>
      <P>Work on your own half is never wasted. It makes every future relationship better.</P>
      <Exercise>
        Pick one pattern from your notes. Write in one sentence what you would do differently, and one small way to
        practise it this week with a friend, a family member or a colleague.
      </Exercise>
    </Lesson>
  );
}

HealthyDay11.PreviewProps = lessonPreview;

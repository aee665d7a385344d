import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'tumultuous/day-20',
  day: 20,
  subject: 'Toxic patterns, and the deals we never say out loud',
  preview: 'How unhealthy patterns take hold, and the silent expectations that feed them.',
};

export default function TumultuousDay20(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Toxic patterns and unspoken expectations">
      <P>
        Today is about patterns. Not to blame you or your ex, but so you can recognise them next time. Toxic patterns
        usually grow out of poor communication, low self-esteem and leaning on each other too heavily. Over time they show
        up as name-calling, put-downs, the cold shoulder, silence used as punishment, or anger far bigger than the problem.
        Each one wears away at trust.
      </P>
      <P>
        Healthy patterns look different. Disagreements still happen, but they stay about the issue instead of attacking
        the person. Both people can say what they need without fear. Taking space is allowed, and never used as a weapon.
      </P>
      <P>
        One pattern deserves a closer look because it's so common and so hard to see: <strong>unspoken
        expectations</strong>, which the author Robert Glover calls "covert contracts." You do something for your partner
        and quietly expect something back: affection, thanks, loyalty. You never say so, so they never agree to it. When
        it doesn't come, you feel cheated and resentful, and they have no idea why.
      </P>
      <P>
        These silent deals pile up until the resentment leaks out in a sharp remark, or a fight that seems to be about
        nothing. The way out is simple to describe and takes practice: notice what you're hoping for, and say it openly.
        Give because you want to, not to collect a debt later.
      </P>
      <P>
        If, reading this, you recognise real emotional or physical abuse in your relationship, please think about
        talking to a counsellor or a support line. You deserve that help.
      </P>
      <Exercise>
        Think of one thing you did in the relationship while silently hoping for something in return. Write it as "I did
        ___, and I was hoping for ___." Then ask yourself whether you ever said the second part out loud.
      </Exercise>
    </Lesson>
  );
}

TumultuousDay20.PreviewProps = lessonPreview;

import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'stress/day-02',
  day: 2,
  subject: 'While you wait, look after yourself',
  preview: 'The break is for both of you, and your own stress matters too.',
};

export default function StressDay02(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="The break is for you, too">
      <P>
        The first day or two after sending that message can feel endless. You may check your phone every few minutes, reread old chats, or draft replies you never send. That restlessness is normal. It doesn't mean something is wrong with you; it means you care, and you're scared.
      </P>
      <P>
        Remember what set this off: stress. Your ex was overwhelmed, and very likely you were too. A break only helps if both of you use it to calm down. So these days are not for waiting by the phone. They are for <strong>bringing your own stress down</strong>, so that when you do talk, you feel clear and steady.
      </P>
      <P>
        That starts with the basics: sleep, proper meals, some time outside, an evening with a friend who is good for you. If work or study is part of the pressure, see whether one task can be dropped or moved this week.
      </P>
      <P>
        It also means not chasing. No extra texts just to check in, no watching their social media, no asking mutual friends what they said about you. Each of these keeps you anxious, and it tells your ex the break isn't really a break. If they get in touch, be kind and brief, and save the big conversation for the day you suggested.
      </P>
      <Exercise>
        Pick one thing that would lower your stress today, such as an early night, a long walk or a call with a friend, and do it. Then mute your ex's social media accounts until you talk, so checking them stops being an option.
      </Exercise>
    </Lesson>
  );
}

StressDay02.PreviewProps = lessonPreview;

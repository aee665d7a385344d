import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'healthy/day-23',
  day: 23,
  subject: 'If your ex blocked you',
  preview: "Being blocked hurts, but it changes less than it seems, and your growth doesn't need an audience.",
};

export default function HealthyDay23(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="'My ex blocked me'">
      <P>
        Being blocked can feel like a door slammed in your face. Many readers also worry: how will my ex ever know that
        I've changed?
      </P>
      <P>
        Here is the honest answer: no contact is not a performance. It isn't about posting gym photos or happy nights
        out so that your ex notices. The changes that matter happen inside you, as you become someone who will be okay
        whatever the outcome. Those changes don't need an audience.
      </P>
      <P>
        So whether you are blocked or not, keep your social media quiet for now. Post little, never post anything aimed
        at them, and don't check their profiles or look them up through friends' accounts. Stepping back helps you put
        your energy into your own life, and a quieter presence leaves your ex wondering how you are rather than
        knowing.
      </P>
      <P>
        People often block an ex to cope with their own pain, and many lift the block later on. If you are still
        blocked when you feel truly ready to reach out, don't try to get around it with new accounts or messages passed
        through friends. A short, calm <strong>email</strong> is a respectful way to reach them: it doesn't intrude, and
        it lets them read it when, and if, they choose.
      </P>
      <P>For now, the block changes nothing about your task, which is to look after yourself.</P>
      <Exercise>
        Do a quiet social media tidy-up: mute or hide anything that shows you your ex, turn off notifications from the
        apps you tend to check for them, and pick one day this week to stay off social media completely.
      </Exercise>
    </Lesson>
  );
}

HealthyDay23.PreviewProps = lessonPreview;

import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'healthy/day-14',
  day: 14,
  subject: 'Anxious, avoidant, secure',
  preview: 'A plain-words guide to attachment styles, and what they may explain about your relationship.',
};

export default function HealthyDay14(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Reflection 4: how we attach">
      <P>
        The last reflection goes a little deeper than habits. Many of us bring a sense of insecurity into relationships
        that isn't really about our partner at all. It comes from earlier life: childhood, family, past heartbreaks.
        Attachment theory gives us simple words for it.
      </P>
      <P>
        There are three common styles. <strong>Anxious</strong>: you crave closeness and fear losing it. When a partner
        seems distant, alarm bells ring and you reach for more contact, reassurance and answers.{' '}
        <strong>Avoidant</strong>: you value independence and feel crowded by a lot of closeness or emotional talk.
        Under pressure you pull back, go quiet or change the subject. <strong>Secure</strong>: you are comfortable with
        both closeness and space, you can ask for what you need, and you don't panic when the other person needs time.
      </P>
      <P>
        You may recognise a common pairing: one anxious partner and one avoidant one. The more one reaches, the more
        the other retreats, and the more the other retreats, the more the first reaches. It is the loop from your last
        reflection, with a name.
      </P>
      <P>
        These are not fixed labels or diagnoses. Most people are a mix, and anyone can grow more secure with
        self-awareness, steady friendships and, if it helps, a therapist. No contact is itself good practice: sitting
        with distance without chasing it.
      </P>
      <P>Try not to use this to diagnose your ex from afar. Use it to understand yourself first.</P>
      <Exercise>
        Read the three descriptions again and write down which one sounds most like you when you feel stressed in love,
        with one example from your relationship. If you want to go further, find a book or article on attachment
        styles and read a chapter this week.
      </Exercise>
    </Lesson>
  );
}

HealthyDay14.PreviewProps = lessonPreview;

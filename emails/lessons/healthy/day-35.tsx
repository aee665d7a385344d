import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'healthy/day-35',
  day: 35,
  subject: "It's okay to need longer",
  preview: "One reader's story, and why taking more time than you planned is common and wise.",
};

export default function HealthyDay35(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Taking the time you need">
      <P>
        Remember Kacey, from the lesson about staying friends? Here is more of her story. After three and a half years
        together, her boyfriend ended things, saying he cared about her but was no longer in love. She had just started a new job, most of her
        friends had moved away, and she felt very alone. At first she kept breaking no contact.
      </P>
      <P>
        Once she managed it, she aimed for about 45 days. When that point came, she still had days of crying and
        wanting to call, so she added two more weeks, and later two more, and two more after that. Meanwhile she joined
        a gym, tried yoga and meditation, ate better, found new people through meetups and got back in touch with old
        friends online. Around
        three months in, she felt ready to reach out: not because she couldn't cope without him, but because she knew
        she would be okay either way.
      </P>
      <P>
        With distance, she also saw the relationship more clearly, including some things that hadn't been as good as
        she remembered. That clarity was worth the wait.
      </P>
      <P>
        Her path is common. After a loving relationship ends, no contact usually lasts somewhere between 45 days and
        three months, and some people need longer, especially without friends close by.{' '}
        <strong>Extending it is not failing</strong>, and it isn't a countdown you have to beat. This time is for you.
      </P>
      <P>
        When you reach about six weeks of no contact, I'll ask you how you feel. There is no wrong answer, and "not
        yet" is a perfectly good one.
      </P>
      <Exercise>
        List three sources of support for the weeks ahead: a person, a place and an activity. If one of them is
        missing, take one small step toward it today, such as messaging an old friend or looking up a local class.
      </Exercise>
    </Lesson>
  );
}

HealthyDay35.PreviewProps = lessonPreview;

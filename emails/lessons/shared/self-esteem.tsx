import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/self-esteem',
  day: 0,
  subject: 'Rebuilding how you see yourself',
  preview: 'A breakup can shake your sense of worth. Here is how to rebuild it, a little at a time.',
};

export default function SharedSelfEsteem(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Rebuilding your self-esteem">
      <P>
        After a breakup, many people hear a harsh voice inside: no one will ever love me like that again, I ruined it, I'm
        not enough. Right now those thoughts feel like facts. They aren't. They're the pain talking, and often they grow
        from self-esteem that was shaky long before the breakup.
      </P>
      <P>
        This matters for a practical reason. When we believe we don't deserve better, we tend to stay in relationships
        that hurt us, or keep chasing someone who holds us at arm's length. Rebuilding your self-worth doesn't mean you'll
        stop wanting your ex. It means that whatever you decide, you'll decide from steadier ground.
      </P>
      <P>
        Self-esteem doesn't come from telling yourself you're wonderful. It grows out of small promises kept: doing what
        you said you'd do, treating your body kindly, spending time with people who are good to you. Every day you get
        through without reaching out is one of those kept promises.
      </P>
      <P>
        It also helps to be fair to yourself. You made mistakes; everyone in a relationship does. Own them, learn from
        them, and then stop punishing yourself for them. Ask: would I speak to a friend in my situation the way I'm
        speaking to myself?
      </P>
      <P>
        Be patient. Some days you'll feel steadier, and some days the old voice will be loud again. That isn't going
        backwards. It's what healing looks like.
      </P>
      <Exercise>
        Write down three things you like about yourself that have nothing to do with your ex or any relationship: a
        quality, a skill, something hard you've come through. If you get stuck, ask a friend what they would add.
      </Exercise>
    </Lesson>
  );
}

SharedSelfEsteem.PreviewProps = lessonPreview;

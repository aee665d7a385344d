import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/communication',
  day: 0,
  subject: 'Saying what you need, and really listening',
  preview: 'Communication is a skill, and you can start practising it today.',
};

export default function SharedCommunication(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Working on how you communicate">
      <P>
        Underneath most painful breakups there's a communication problem: needs that went unsaid, talks that turned into
        fights, one person shutting down while the other got louder. The good news is that communicating well isn't a
        fixed trait. It's a set of skills, and you can practise them now, whether you're taking space or slowly talking
        again.
      </P>
      <P>
        <strong>Saying what you need.</strong> Many of us hint, hope our partner will guess, and then feel hurt when they
        don't. It works better to say plainly what you feel and what would help: "I felt left out when our plans changed
        at the last minute. It would help me to know earlier." Talk about your experience rather than what's wrong with
        them.
      </P>
      <P>
        <strong>Listening.</strong> Real listening means trying to understand before you reply. Let the other person
        finish, say back what you heard, and ask whether you got it right. A lot of arguments cool down the moment someone
        feels heard.
      </P>
      <P>
        <strong>Boundaries.</strong> A boundary is what you will do to take care of yourself, said calmly: "If we start
        shouting, I'm going to take a break, and we can carry on later." It's not a threat, and it's not a way to control
        the other person.
      </P>
      <P>
        Finally, remember that words are only part of it. Your tone, your face, your timing, and above all whether your
        actions match what you say, all communicate too.
      </P>
      <Exercise>
        Think of one need you had in your relationship that you never said clearly. Write it as one calm sentence
        starting with "I feel..." or "I need...". You're not sending it to anyone; you're practising.
      </Exercise>
    </Lesson>
  );
}

SharedCommunication.PreviewProps = lessonPreview;

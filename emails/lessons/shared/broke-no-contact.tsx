import { numberWords } from '../../../functions/core/course/facts.js';
import { Lesson, lessonPreview, variantOf, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/broke-no-contact',
  day: 0,
  subject: "You broke no contact. That's okay.",
  preview: 'No shame: most people slip at least once, and today is a fresh start.',
  // What happens next depends on whether a decision is still ahead (it waits for the full no contact again).
  varies: ['waitDays'],
};

export default function SharedBrokeNoContact(props: LessonProps) {
  const { waitDays } = variantOf(props);
  return (
    <Lesson {...props} meta={meta} title="A slip, not a failure" reply="If you like, reply and tell me what set it off; I read every message, and nothing you write is shared.">
      <P>
        Thank you for telling me. That takes honesty, and you may be feeling embarrassed, cross with yourself, or afraid you've ruined everything. Please go easy on yourself. <strong>Most people contact their ex at least once</strong> when they meant not to. It happens because you're human and hurting, not because you're weak.
      </P>
      <P>
        It also rarely does as much damage as it feels like it did. One message, one call, even one evening together doesn't erase the progress you've made. What matters now is what you do next.
      </P>
      <P>
        So let's learn from it instead of punishing yourself. What was happening just before? Often there's a trigger: a lonely evening, a drink, a song, one of their posts, an anniversary, a bad day. Sometimes it's the hope that one more conversation will bring relief. Knowing your trigger helps you plan for the next time it shows up.
      </P>
      <P>
        If your ex replied, you don't have to keep the conversation going or explain yourself at length. A short, kind line saying you're taking some time for yourself is enough, and then you can stop.
      </P>
      <P>
        Your no-contact count starts again from today. That isn't a punishment; it's simply a fresh start, and you already know you can do this.
      </P>
      <P>
        <strong>Here is what happens next.</strong>{' '}
        {waitDays
          ? `The lessons keep coming as usual. The question about reconnecting now waits until you have had ${numberWords(waitDays)} days of no contact again, counted from today, so that when I ask, you will have had the full time to heal.`
          : 'The lessons keep coming as usual, and nothing else about your course changes.'}
      </P>
      <Exercise>
        Finish this sentence: "<em>Next time I feel the urge to contact my ex, I will...</em>" Make it concrete, such as texting a friend, going for a walk, or writing the message in your notes and not sending it. Put the sentence somewhere you'll see it.
      </Exercise>
    </Lesson>
  );
}

SharedBrokeNoContact.PreviewProps = lessonPreview;

import { Lesson, lessonPreview, variantOf, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

/** The closing lesson for a couple who are back together. */
export const meta: LessonMeta = {
  id: 'shared/together',
  day: 0,
  subject: 'Back together: keeping it good this time',
  preview: 'What helps a relationship that has been given a second chance, and our last lesson.',
  varies: ['followUps'],
};

export default function SharedTogether(props: LessonProps) {
  const { followUps } = variantOf(props);
  return (
    <Lesson
      {...props}
      meta={meta}
      title="A second chance, kept well"
      reply="If you'd like, reply and tell me how it's going. I'd love to hear, whichever way it goes."
    >
      <P>
        You're back together. Whatever you are feeling right now, relief, joy, nerves or all of them at once, I'm glad
        you told me. This last lesson is about giving a second chance the best start you can.
      </P>
      <P>
        <strong>Keep it slow.</strong> The pull to make up for lost time is strong. Resist it a little. A relationship
        that is rebuilt over weeks, with room to breathe, is sturdier than one that rushes back to where it was.
      </P>
      <P>
        <strong>Have the real conversations.</strong> If you haven't yet talked through what went wrong, do it soon,
        calmly and in small pieces: what each of you needed and didn't get, and what you'll both do differently. Start
        with your own part. A couples counsellor can make these talks easier; there's no shame in that.
      </P>
      <P>
        <strong>Keep your own life.</strong> Your friends, your interests and your plans are part of what makes you
        someone worth being close to. Losing them is often how the distance began. And keep the closeness safe: say what
        you feel, listen without defending, and repair quickly after a hurt.
      </P>
      <P>
        If the old patterns come back and stay, despite both of your efforts, you're allowed to step away again. That
        wouldn't erase what you've learned. It would mean you listened to it.
      </P>
      <P>
        This is the last lesson of the course. Thank you for letting me walk beside you.{' '}
        {followUps
          ? 'Over the coming months I will check in now and then to ask how things are going; you can answer with one click, or turn the check-ins off in your preferences.'
          : "I won't write again unless you do, and you can reply to this email whenever you like. If you would like a short check-in now and then, you can turn them on in your preferences."}
      </P>
      <Exercise>
        Together or on your own, write down two small habits you want to keep this time, such as one evening a week
        that's just for the two of you, or saying something when you feel hurt instead of going quiet.
      </Exercise>
    </Lesson>
  );
}

SharedTogether.PreviewProps = lessonPreview;

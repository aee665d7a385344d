import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/readiness',
  day: 0,
  subject: "What 'ready' really means",
  preview: "Being ready isn't about the calendar; it's about being okay with whatever answer comes.",
};

export default function SharedReadiness(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="What being ready looks like">
      <P>
        Soon I'll ask how you feel: ready to reconnect, needing more time, or ready to move on. I'll ask once you've had
        the full stretch of no contact (if a slip restarts the count, the question waits). Today, let's look at what
        "ready" actually means, so you can answer honestly.
      </P>
      <P>
        Being ready doesn't mean you've stopped caring. You may still miss them and still hope. It means your
        wellbeing <strong>no longer depends on your ex</strong>. You could hear "no" and, after some sadness, carry on
        with a life that is yours. If you reach out, it's because you see real potential for something healthy, not
        because you can't bear the silence any longer.
      </P>
      <P>
        Signs you may be ready: you have more calm days than desperate ones. You've stopped checking their profiles.
        You have people, routines and things that feel good again. You can think about what went wrong, including your
        part, without spiralling. You can picture a future without them, even if it isn't the one you'd choose.
      </P>
      <P>
        Signs you may not be ready yet: your mood rises and falls with thoughts of them. You imagine reaching out as
        the thing that will finally make the pain stop. You want to hear that you're missed more than you want an
        honest conversation. The idea of no reply fills you with panic.
      </P>
      <P>
        Most people recognise themselves in both lists, and that's normal. Not being quite ready is common, and extra
        time spent healing is never wasted.
      </P>
      <Exercise>
        Draw two columns, "ready" and "not yet", and tick each sign above that fits you this week. Don't judge the
        result. Just notice which column is fuller, and keep the page for when I ask.
      </Exercise>
    </Lesson>
  );
}

SharedReadiness.PreviewProps = lessonPreview;

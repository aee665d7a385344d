import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/meet-slowly',
  day: 0,
  subject: 'TODO subject for shared/meet-slowly',
  preview: 'TODO preview for shared/meet-slowly',
};

export default function SharedMeetSlowly(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for shared/meet-slowly.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

SharedMeetSlowly.PreviewProps = lessonPreview;

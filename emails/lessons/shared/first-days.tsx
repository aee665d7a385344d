import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/first-days',
  day: 0,
  subject: 'TODO subject for shared/first-days',
  preview: 'TODO preview for shared/first-days',
};

export default function SharedFirstDays(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for shared/first-days.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

SharedFirstDays.PreviewProps = lessonPreview;

import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/ex-dating',
  day: 0,
  subject: 'TODO subject for shared/ex-dating',
  preview: 'TODO preview for shared/ex-dating',
};

export default function SharedExDating(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for shared/ex-dating.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

SharedExDating.PreviewProps = lessonPreview;

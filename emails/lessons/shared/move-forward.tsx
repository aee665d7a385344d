import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/move-forward',
  day: 0,
  subject: 'TODO subject for shared/move-forward',
  preview: 'TODO preview for shared/move-forward',
};

export default function SharedMoveForward(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for shared/move-forward.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

SharedMoveForward.PreviewProps = lessonPreview;

import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/ex-reached-out',
  day: 0,
  subject: 'TODO subject for shared/ex-reached-out',
  preview: 'TODO preview for shared/ex-reached-out',
};

export default function SharedExReachedOut(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for shared/ex-reached-out.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

SharedExReachedOut.PreviewProps = lessonPreview;

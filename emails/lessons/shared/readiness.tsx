import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/readiness',
  day: 0,
  subject: 'TODO subject for shared/readiness',
  preview: 'TODO preview for shared/readiness',
};

export default function SharedReadiness(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for shared/readiness.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

SharedReadiness.PreviewProps = lessonPreview;

import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/mental-health-first',
  day: 0,
  subject: 'TODO subject for shared/mental-health-first',
  preview: 'TODO preview for shared/mental-health-first',
};

export default function SharedMentalHealthFirst(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for shared/mental-health-first.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

SharedMentalHealthFirst.PreviewProps = lessonPreview;

import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'healthy/day-01',
  day: 1,
  subject: 'TODO subject for healthy/day-01',
  preview: 'TODO preview for healthy/day-01',
};

export default function HealthyDay01(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for healthy/day-01.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

HealthyDay01.PreviewProps = lessonPreview;

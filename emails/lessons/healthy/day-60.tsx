import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'healthy/day-60',
  day: 60,
  subject: 'TODO subject for healthy/day-60',
  preview: 'TODO preview for healthy/day-60',
};

export default function HealthyDay60(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for healthy/day-60.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

HealthyDay60.PreviewProps = lessonPreview;

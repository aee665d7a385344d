import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'healthy/day-11',
  day: 11,
  subject: 'TODO subject for healthy/day-11',
  preview: 'TODO preview for healthy/day-11',
};

export default function HealthyDay11(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for healthy/day-11.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

HealthyDay11.PreviewProps = lessonPreview;

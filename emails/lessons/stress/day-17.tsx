import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'stress/day-17',
  day: 17,
  subject: 'TODO subject for stress/day-17',
  preview: 'TODO preview for stress/day-17',
};

export default function StressDay17(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for stress/day-17.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

StressDay17.PreviewProps = lessonPreview;

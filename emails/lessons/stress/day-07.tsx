import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'stress/day-07',
  day: 7,
  subject: 'TODO subject for stress/day-07',
  preview: 'TODO preview for stress/day-07',
};

export default function StressDay07(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for stress/day-07.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

StressDay07.PreviewProps = lessonPreview;

import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'stress/day-21',
  day: 21,
  subject: 'TODO subject for stress/day-21',
  preview: 'TODO preview for stress/day-21',
};

export default function StressDay21(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for stress/day-21.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

StressDay21.PreviewProps = lessonPreview;

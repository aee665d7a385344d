import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'healthy/day-02',
  day: 2,
  subject: 'TODO subject for healthy/day-02',
  preview: 'TODO preview for healthy/day-02',
};

export default function HealthyDay02(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for healthy/day-02.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

HealthyDay02.PreviewProps = lessonPreview;

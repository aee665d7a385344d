import { course } from '../../../functions/core/course/definition.js';
import { Lesson, branchPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'healthy/day-45',
  day: 45,
  subject: 'TODO subject for healthy/day-45',
  preview: 'TODO preview for healthy/day-45',
};

export default function HealthyDay45(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for healthy/day-45.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

HealthyDay45.PreviewProps = branchPreview(course.branches['healthy-decision']!.question, course.branches['healthy-decision']!.choices);

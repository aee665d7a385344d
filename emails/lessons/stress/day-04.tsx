import { course } from '../../../functions/core/course/definition.js';
import { Lesson, branchPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'stress/day-04',
  day: 4,
  subject: 'TODO subject for stress/day-04',
  preview: 'TODO preview for stress/day-04',
};

export default function StressDay04(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for stress/day-04.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

StressDay04.PreviewProps = branchPreview(course.branches['stress-talk']!.question, course.branches['stress-talk']!.choices);

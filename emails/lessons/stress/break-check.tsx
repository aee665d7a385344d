import { course } from '../../../functions/core/course/definition.js';
import { Lesson, branchPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'stress/break-check',
  day: 0,
  subject: 'TODO subject for stress/break-check',
  preview: 'TODO preview for stress/break-check',
};

export default function StressBreakCheck(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for stress/break-check.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

StressBreakCheck.PreviewProps = branchPreview(course.branches['stress-talk']!.question, course.branches['stress-talk']!.choices);

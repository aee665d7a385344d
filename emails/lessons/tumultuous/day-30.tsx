import { course } from '../../../functions/core/course/definition.js';
import { Lesson, branchPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'tumultuous/day-30',
  day: 30,
  subject: 'TODO subject for tumultuous/day-30',
  preview: 'TODO preview for tumultuous/day-30',
};

export default function TumultuousDay30(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for tumultuous/day-30.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

TumultuousDay30.PreviewProps = branchPreview(course.branches['tumultuous-decision']!.question, course.branches['tumultuous-decision']!.choices);

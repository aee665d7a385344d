import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'tumultuous/day-20',
  day: 20,
  subject: 'TODO subject for tumultuous/day-20',
  preview: 'TODO preview for tumultuous/day-20',
};

export default function TumultuousDay20(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for tumultuous/day-20.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

TumultuousDay20.PreviewProps = lessonPreview;

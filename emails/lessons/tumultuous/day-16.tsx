import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'tumultuous/day-16',
  day: 16,
  subject: 'TODO subject for tumultuous/day-16',
  preview: 'TODO preview for tumultuous/day-16',
};

export default function TumultuousDay16(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for tumultuous/day-16.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

TumultuousDay16.PreviewProps = lessonPreview;

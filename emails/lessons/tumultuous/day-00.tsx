import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'tumultuous/day-00',
  day: 0,
  subject: 'TODO subject for tumultuous/day-00',
  preview: 'TODO preview for tumultuous/day-00',
};

export default function TumultuousDay00(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for tumultuous/day-00.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

TumultuousDay00.PreviewProps = lessonPreview;

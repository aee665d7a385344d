import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/more-time',
  day: 0,
  subject: 'TODO subject for shared/more-time',
  preview: 'TODO preview for shared/more-time',
};

export default function SharedMoreTime(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for shared/more-time.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

SharedMoreTime.PreviewProps = lessonPreview;

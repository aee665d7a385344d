import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/self-esteem',
  day: 0,
  subject: 'TODO subject for shared/self-esteem',
  preview: 'TODO preview for shared/self-esteem',
};

export default function SharedSelfEsteem(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for shared/self-esteem.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

SharedSelfEsteem.PreviewProps = lessonPreview;

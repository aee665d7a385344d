import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/personal-growth',
  day: 0,
  subject: 'TODO subject for shared/personal-growth',
  preview: 'TODO preview for shared/personal-growth',
};

export default function SharedPersonalGrowth(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for shared/personal-growth.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

SharedPersonalGrowth.PreviewProps = lessonPreview;

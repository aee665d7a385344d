import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/new-chapter',
  day: 0,
  subject: 'TODO subject for shared/new-chapter',
  preview: 'TODO preview for shared/new-chapter',
};

export default function SharedNewChapter(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for shared/new-chapter.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

SharedNewChapter.PreviewProps = lessonPreview;

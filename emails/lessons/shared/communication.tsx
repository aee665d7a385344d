import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/communication',
  day: 0,
  subject: 'TODO subject for shared/communication',
  preview: 'TODO preview for shared/communication',
};

export default function SharedCommunication(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for shared/communication.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

SharedCommunication.PreviewProps = lessonPreview;

import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/broke-no-contact',
  day: 0,
  subject: 'TODO subject for shared/broke-no-contact',
  preview: 'TODO preview for shared/broke-no-contact',
};

export default function SharedBrokeNoContact(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="TODO title">
      <P>TODO: lesson text for shared/broke-no-contact.</P>
      <Exercise>TODO: one small exercise.</Exercise>
    </Lesson>
  );
}

SharedBrokeNoContact.PreviewProps = lessonPreview;

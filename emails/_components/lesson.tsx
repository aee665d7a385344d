import type { ReactNode } from 'react';
import { Layout } from './layout.js';
import type { EmailProps, LessonMeta } from './props.js';
import { previewProps } from './props.js';
import { Choices, P, ReplyInvite, Title, type Choice } from './text.js';

/** Props of every lesson: the shared ones, plus the branch question and choices on a branch lesson. */
export type LessonProps = EmailProps & { branch?: { question: string; choices: Choice[] } };

/** Title, body, the branch choices (if this send asks one), and the reply invitation. */
export function Lesson(props: LessonProps & { meta: LessonMeta; title: string; children: ReactNode; reply?: ReactNode }) {
  const { meta, title, children, branch, reply, ...email } = props;
  return (
    <Layout {...email} preview={meta.preview}>
      <Title>{title}</Title>
      {children}
      {branch ? (
        <>
          <P>
            <strong>{branch.question}</strong> One click tells me, and the next lessons follow your answer.
          </P>
          <Choices choices={branch.choices} links={email.links.choices} />
        </>
      ) : null}
      <ReplyInvite>{reply}</ReplyInvite>
    </Layout>
  );
}

export const lessonPreview: LessonProps = previewProps;

/** Preview props for a branch lesson: the react-email preview shows its buttons. */
export const branchPreview = (question: string, choices: Choice[]): LessonProps => ({
  ...previewProps,
  branch: { question, choices },
  links: { ...previewProps.links, choices: Object.fromEntries(choices.map((c) => [c.id, '#'])) },
});

import type { ReactNode } from 'react';
import { Layout } from './layout.js';
import type { EmailProps, Facts, LessonMeta, LessonVariant } from './props.js';
import { defaultVariant, previewHappened, previewProps, sampleFacts } from './props.js';
import { Choices, P, ReplyInvite, Title, type Choice } from './text.js';

/**
 * Props of every lesson: the shared ones, the branch question and choices on a branch lesson, the
 * facts about the reader (placeholders in a batch, filled per reader) and the wording variant.
 */
export type LessonProps = EmailProps & {
  branch?: { question: string; choices: Choice[] };
  facts?: Facts;
  variant?: LessonVariant;
};

export const factsOf = (p: LessonProps): Facts => p.facts ?? sampleFacts;
export const variantOf = (p: LessonProps): LessonVariant => ({ ...defaultVariant, ...p.variant });

/** Title, body, the branch choices (if this send asks one), and the reply invitation. */
export function Lesson(props: LessonProps & { meta: LessonMeta; title: string; children: ReactNode; reply?: ReactNode }) {
  const { meta, title, children, branch, reply, facts: _facts, variant: _variant, ...email } = props;
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

export const lessonPreview: LessonProps = {
  ...previewProps,
  links: { ...previewProps.links, happened: previewHappened },
  facts: sampleFacts,
  variant: defaultVariant,
};

/** Preview props for a branch lesson: the react-email preview shows its buttons. */
export const branchPreview = (question: string, choices: Choice[]): LessonProps => ({
  ...lessonPreview,
  branch: { question, choices: choices.filter((c) => !(c as { hidden?: boolean }).hidden) },
  links: { ...lessonPreview.links, choices: Object.fromEntries(choices.map((c) => [c.id, '#'])) },
});

/** Preview props with a variant: `Component.PreviewProps = variantPreview({ followUps: false })`. */
export const variantPreview = (v: Partial<LessonVariant>, base: LessonProps = lessonPreview): LessonProps => ({
  ...base,
  variant: { ...defaultVariant, ...v },
});

import { Layout } from './_components/layout.js';
import { previewProps, type EmailProps } from './_components/props.js';
import { Choices, P, ReplyInvite, Title, type Choice } from './_components/text.js';
import { OUTCOMES } from '../functions/core/outcomes/categories.js';

/**
 * `inCourse`: the reader is still getting lessons (most are, at the first check-in). Nothing has
 * "turned out" for them yet, so the check-in asks where things stand today, not how it ended.
 */
export type CheckinProps = EmailProps & { since: string; outcomes: Choice[]; inCourse?: boolean };

export const meta = {
  subject: (since: string) => `${since} on: how are you doing?`,
  preview: 'One click tells me where things stand. A few words by reply mean even more.',
};

/** The long-term check-in (1, 3, 6, 12, 24 months): one click per outcome, and room to reply. */
export default function Checkin(props: CheckinProps) {
  const since = props.since.toLowerCase();
  return (
    <Layout {...props} preview={meta.preview}>
      <Title>{props.since} on: how are you?</Title>
      {props.inCourse ? (
        <>
          <P>
            It has been {since} since you started. You are still in the middle of the course, so nothing has to be settled
            or decided yet, and this is not another question about reconnecting. Once in a while I simply ask every reader
            where things stand, wherever they are in the lessons.
          </P>
          <P>Which of these is closest to where you are today? One click is enough, and "still undecided" is a perfectly good answer.</P>
        </>
      ) : (
        <>
          <P>
            It has been {since} since you started the course, and I think of the people who took it often. Wherever you are
            now, I would love to know how things turned out.
          </P>
          <P>Which of these is closest to where you are today? One click is enough.</P>
        </>
      )}
      <Choices choices={props.outcomes} links={props.links.choices} />
      <P>
        There is no right answer. Every path here is a real one, and each answer helps me make the course
        better for the next person who needs it. If things change later, the next check-in asks again.
      </P>
      <ReplyInvite>If you have a minute, reply and tell me in your own words. I read every message.</ReplyInvite>
    </Layout>
  );
}

Checkin.PreviewProps = {
  ...previewProps,
  since: 'Three months',
  outcomes: Object.entries(OUTCOMES).map(([id, o]) => ({ id, label: o.label })),
} satisfies CheckinProps;

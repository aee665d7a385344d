import { Layout } from './_components/layout.js';
import { previewProps, type EmailProps } from './_components/props.js';
import { Choices, P, ReplyInvite, Title, type Choice } from './_components/text.js';
import { OUTCOMES } from '../functions/core/outcomes/categories.js';

export type CheckinProps = EmailProps & { since: string; outcomes: Choice[] };

export const meta = {
  subject: (since: string) => `${since} on: how are you doing?`,
  preview: 'One click tells me where things stand. A few words by reply mean even more.',
};

/** The long-term check-in (1, 3, 6, 12, 24 months): one click per outcome, and room to reply. */
export default function Checkin(props: CheckinProps) {
  return (
    <Layout {...props} preview={meta.preview}>
      <Title>{props.since} on: how are you?</Title>
      <P>
        It has been {props.since.toLowerCase()} since you started the course, and I think of the people
        who took it often. Wherever you are now, I would love to know how things turned out.
      </P>
      <P>Which of these is closest to where you are today? One click is enough.</P>
      <Choices choices={props.outcomes} links={props.links.choices} />
      <P>
        There is no right answer. Every path here is a real one, and each answer helps me make the course
        better for the next person who needs it.
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

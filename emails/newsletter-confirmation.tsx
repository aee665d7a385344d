import { Layout } from './_components/layout.js';
import { previewProps, type EmailProps } from './_components/props.js';
import { Choices, P, Title } from './_components/text.js';

export const meta = {
  subject: 'Please confirm: the newsletter is one click away',
  preview: 'Confirm your address and the newsletter will come now and then. No course lessons.',
};

/**
 * The confirmation of a newsletter-only sign-up (the /newsletter form, or `course: false`), and of
 * a known reader's request for it from a sign-up form (`join`: the newsletter was off for this
 * address). It says exactly what comes: the newsletter, no lessons, nothing else changed, how to stop.
 */
export type NewsletterConfirmationProps = EmailProps & { confirmUrl: string; join?: boolean };

export default function NewsletterConfirmation(props: NewsletterConfirmationProps) {
  return (
    <Layout {...props} preview={meta.preview} footer={{ prefsNote: '(the newsletter on or off)', unsubscribeLabel: 'Unsubscribe' }}>
      <Title>One click to get the newsletter</Title>
      {props.join ? (
        <P>
          Someone asked, from a sign-up form, for the newsletter to come to this address. If that was
          you, please confirm with the button below. Nothing else you get from us changes: the
          newsletter is a separate, occasional letter from {props.author.name}.
        </P>
      ) : (
        <P>
          Thank you for signing up for the newsletter. Please confirm that this address is yours with
          the button below. After that, an occasional letter from {props.author.name} comes to you now
          and then. It is the newsletter only: no course, no daily lessons.
        </P>
      )}
      <Choices choices={[{ id: 'confirm', label: 'Yes, send me the newsletter' }]} links={{ confirm: props.confirmUrl }} />
      <P>
        Every issue has an unsubscribe link at the bottom: one click and it stops, nothing else to do.
      </P>
      <P>
        {props.join
          ? 'If it was not you, ignore this email: nothing changes for you, and this link stops working after seven days.'
          : 'If you did not sign up, ignore this email: nothing more will come, and the sign-up is deleted after seven days.'}
      </P>
    </Layout>
  );
}

NewsletterConfirmation.PreviewProps = {
  ...previewProps,
  confirmUrl: 'http://localhost:3000/confirm?token=preview',
} satisfies NewsletterConfirmationProps;

import { Layout } from './_components/layout.js';
import { previewProps, type EmailProps } from './_components/props.js';
import { Choices, P, Title } from './_components/text.js';

export const meta = {
  subject: 'Please confirm: your course is one click away',
  preview: 'Confirm your address and your first lesson arrives right away.',
};

/**
 * `join`: the address is already ours (a newsletter reader) and someone asked for the course for it
 * from the sign-up form; `course-and-newsletter` when the newsletter was asked for too (it was off).
 * Nothing changes until the owner clicks, so the email says so instead of "the sign-up is deleted".
 */
export type ConfirmationProps = EmailProps & { confirmUrl: string; situationLabel: string; join?: 'course' | 'course-and-newsletter' };

export default function Confirmation(props: ConfirmationProps) {
  if (props.join) return <JoinCourse {...props} />;
  return (
    <Layout {...props} preview={meta.preview}>
      <Title>One click to start</Title>
      <P>
        Thank you for signing up. Before we send anything else, please confirm that this address is
        yours and that you want the course for {props.situationLabel}.
      </P>
      <Choices choices={[{ id: 'confirm', label: 'Yes, start my course' }]} links={{ confirm: props.confirmUrl }} />
      <P>
        If you did not sign up, ignore this email: nothing more will come, and the sign-up is
        deleted after seven days.
      </P>
    </Layout>
  );
}

function JoinCourse(props: ConfirmationProps) {
  const alsoNewsletter = props.join === 'course-and-newsletter';
  return (
    <Layout {...props} preview={meta.preview}>
      <Title>One click to start the course</Title>
      <P>
        Someone asked, from the sign-up form, for the course for {props.situationLabel} to come to this
        address{alsoNewsletter ? ', and for the newsletter too' : ''}. If that was you, please confirm
        with the button below: your first lesson then arrives right away, and after that a short lesson
        each day at the hour you chose, then every few days.
      </P>
      <Choices choices={[{ id: 'confirm', label: alsoNewsletter ? 'Yes, start my course and the newsletter' : 'Yes, start my course' }]} links={{ confirm: props.confirmUrl }} />
      <P>
        If it was not you, ignore this email: nothing changes for you, and this link stops working
        after seven days.
      </P>
    </Layout>
  );
}

Confirmation.PreviewProps = {
  ...previewProps,
  confirmUrl: 'http://localhost:3000/confirm?token=preview',
  situationLabel: 'a relationship with fights and on/off cycles',
} satisfies ConfirmationProps;

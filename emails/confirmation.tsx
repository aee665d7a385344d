import { Layout } from './_components/layout.js';
import { previewProps, type EmailProps } from './_components/props.js';
import { Choices, P, Title } from './_components/text.js';

export const meta = {
  subject: 'Please confirm: your course is one click away',
  preview: 'Confirm your address and your first lesson arrives right away.',
};

export type ConfirmationProps = EmailProps & { confirmUrl: string; situationLabel: string };

export default function Confirmation(props: ConfirmationProps) {
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

Confirmation.PreviewProps = {
  ...previewProps,
  confirmUrl: 'http://localhost:3000/confirm?token=preview',
  situationLabel: 'a relationship with fights and on/off cycles',
} satisfies ConfirmationProps;

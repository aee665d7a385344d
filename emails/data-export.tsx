import { Layout } from './_components/layout.js';
import { previewProps, type EmailProps } from './_components/props.js';
import { Choices, P, Title } from './_components/text.js';

export const meta = {
  subject: 'Your data from the course: a link to download it',
  preview: 'A copy of everything we keep about you, one click away for three days.',
};

export type DataExportProps = EmailProps & { exportUrl: string };

/** Sent only to the reader's own address, when someone asked for their data on the preferences page. */
export default function DataExport(props: DataExportProps) {
  return (
    <Layout {...props} preview={meta.preview}>
      <Title>Your data, as you asked</Title>
      <P>
        Someone asked for a copy of everything we keep about you, from your preferences page. The link
        below downloads it as one file: your details and settings, the lessons we sent and when, the
        choices you made, your replies in full, and your check-in answers.
      </P>
      <Choices choices={[{ id: 'download', label: 'Download my data' }]} links={{ download: props.exportUrl }} />
      <P>
        The link works for three days, and only from this email. If you did not ask for this, you
        can ignore it: nothing was shared with anyone, and nothing changes for you.
      </P>
    </Layout>
  );
}

DataExport.PreviewProps = { ...previewProps, exportUrl: 'http://localhost:3000/export/preview' } satisfies DataExportProps;

import { Layout } from './_components/layout.js';
import { previewProps, type EmailProps } from './_components/props.js';
import { Title } from './_components/text.js';

/**
 * The newsletter layout: the lessons' header and footer (postal address, preferences, the
 * newsletter's own unsubscribe) around a body written at run time. The body is Markdown the
 * author wrote, rendered to HTML by core/newsletters/markdown.ts (which escapes any raw HTML in
 * it), so here it is a placeholder filled unescaped; the subject and preview text are ordinary
 * placeholders (escaped). Compiled once like every template (precompiled for the Lambdas).
 */
export type NewsletterProps = EmailProps & { subject: string; previewText: string; bodyHtml: string };

export default function Newsletter(props: NewsletterProps) {
  return (
    <Layout
      {...props}
      preview={props.previewText}
      plainPreview
      footer={{ prefsNote: '(turn the newsletter off, or change the course)', unsubscribeLabel: 'Unsubscribe from the newsletter' }}
    >
      <Title>{props.subject}</Title>
      <div dangerouslySetInnerHTML={{ __html: props.bodyHtml }} />
    </Layout>
  );
}

Newsletter.PreviewProps = {
  ...previewProps,
  subject: 'A letter for the quiet weeks',
  previewText: 'What the second month often feels like, and one small thing to try.',
  bodyHtml: '<p style="font-size:17px;line-height:1.6;margin:0 0 16px">The second month is often quieter, and harder in its own way.</p>',
} satisfies NewsletterProps;

// Each component from its own package, not the @react-email/components barrel: that one loads every
// component (Tailwind, Prism for code blocks, Markdown) at import, ~0.7 s of CPU in every process that
// renders an email (npm start, the simulator, each test worker). Same packages, same versions, same output.
import { Body } from '@react-email/body';
import { Container } from '@react-email/container';
import { Head } from '@react-email/head';
import { Hr } from '@react-email/hr';
import { Html } from '@react-email/html';
import { Link } from '@react-email/link';
import { Preview } from '@react-email/preview';
import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import { Fragment, type ReactNode } from 'react';
import { HAPPENED } from '../../functions/core/course/happened.js';
import type { EmailProps } from './props.js';
import { colors, s } from './styles.js';

/** Header, greeting with first name, body, and the footer every email carries. */
export function Layout(
  props: EmailProps & {
    preview: string;
    greeting?: boolean;
    children: ReactNode;
    /** The newsletter's footer: its own unsubscribe (the newsletter only) and what the preferences page offers. */
    footer?: { prefsNote: string; unsubscribeLabel: string };
    /**
     * The preview text as it is, hidden, without react-email's padding (which depends on its
     * length): for a preview that is a placeholder filled per issue, so the compiled template and
     * a direct render give the same HTML.
     */
    plainPreview?: boolean;
  },
) {
  const { firstName, links, author, preview, children, greeting = true, footer, plainPreview } = props;
  const happened = links.happened;
  return (
    <Html lang="en">
      <Head />
      {plainPreview ? (
        <div style={{ display: 'none', overflow: 'hidden', lineHeight: '1px', opacity: 0, maxHeight: 0, maxWidth: 0 }} data-skip-in-text={true}>
          {preview}
        </div>
      ) : (
        <Preview>{preview}</Preview>
      )}
      <Body style={s.body}>
        <Container style={s.container}>
          <Section style={s.card}>
            <Text style={s.brand}>{author.name}</Text>
            {greeting ? <Text style={s.p}>Hi {firstName},</Text> : null}
            {children}
          </Section>
          {happened ? (
            <Text style={s.footer}>
              Tell me what happened, in one click:{' '}
              {HAPPENED.filter((h) => happened[h.id]).map((h, i) => (
                <Fragment key={h.id}>
                  {i ? ' · ' : ''}
                  <Link href={happened[h.id]} style={s.link}>
                    {h.label}
                  </Link>
                </Fragment>
              ))}
            </Text>
          ) : null}
          <Text style={s.footer}>
            <Link href={links.prefs} style={s.link}>
              Your preferences
            </Link>{' '}
            {footer?.prefsNote ?? '(pause, change track or send time)'} ·{' '}
            <Link href={links.unsubscribe} style={s.link}>
              {footer?.unsubscribeLabel ?? 'Unsubscribe'}
            </Link>
          </Text>
          <Hr style={{ borderColor: colors.line }} />
          <Text style={s.footer}>{author.postalAddress}</Text>
        </Container>
      </Body>
    </Html>
  );
}

import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import type { EmailProps } from './props.js';
import { colors, s } from './styles.js';

/** Header, greeting with first name, body, and the footer every email carries. */
export function Layout(props: EmailProps & { preview: string; greeting?: boolean; children: ReactNode }) {
  const { firstName, links, author, preview, children, greeting = true } = props;
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={s.body}>
        <Container style={s.container}>
          <Section style={s.card}>
            <Text style={s.brand}>{author.name}</Text>
            {greeting ? <Text style={s.p}>Hi {firstName},</Text> : null}
            {children}
          </Section>
          <Text style={s.footer}>
            <Link href={links.prefs} style={s.link}>
              Your preferences
            </Link>{' '}
            (pause, change track or send time) ·{' '}
            <Link href={links.unsubscribe} style={s.link}>
              Unsubscribe
            </Link>
          </Text>
          <Hr style={{ borderColor: colors.line }} />
          <Text style={s.footer}>{author.postalAddress}</Text>
        </Container>
      </Body>
    </Html>
  );
}

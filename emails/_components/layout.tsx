import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import { Fragment, type ReactNode } from 'react';
import { HAPPENED } from '../../functions/core/course/happened.js';
import type { EmailProps } from './props.js';
import { colors, s } from './styles.js';

/** Header, greeting with first name, body, and the footer every email carries. */
export function Layout(props: EmailProps & { preview: string; greeting?: boolean; children: ReactNode }) {
  const { firstName, links, author, preview, children, greeting = true } = props;
  const happened = links.happened;
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

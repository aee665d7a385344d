import { Button } from '@react-email/button';
import { Heading } from '@react-email/heading';
import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import type { ReactNode } from 'react';
import { s } from './styles.js';

export const Title = ({ children }: { children: ReactNode }) => (
  <Heading as="h1" style={s.h1}>
    {children}
  </Heading>
);

export const P = ({ children }: { children: ReactNode }) => <Text style={s.p}>{children}</Text>;

/** The one small thing to do today. */
export const Exercise = ({ title = "Today's small step", children }: { title?: string; children: ReactNode }) => (
  <Section style={s.exercise}>
    <Text style={s.exerciseTitle}>{title}</Text>
    <Text style={{ ...s.p, margin: 0 }}>{children}</Text>
  </Section>
);

/** Every lesson ends by inviting a reply: replies are read, and they tell the course how it is going. */
export const ReplyInvite = ({ children }: { children?: ReactNode }) => (
  <Text style={s.reply}>
    {children ?? 'Just hit reply and tell me how today went. Every reply is read, and nothing you write is shared.'}
  </Text>
);

export interface Choice {
  id: string;
  label: string;
}

/** One-click choices: each link is signed for this reader and this choice. */
export const Choices = ({ choices, links }: { choices: Choice[]; links?: Record<string, string> }) => (
  <Section style={{ margin: '8px 0 18px' }}>
    {choices.map((c) => (
      <Section key={c.id}>
        <Button href={links?.[c.id] ?? '#'} style={s.button}>
          {c.label}
        </Button>
      </Section>
    ))}
  </Section>
);

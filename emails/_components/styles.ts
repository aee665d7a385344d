// Inline styles: email clients ignore most <style> blocks. A calm, warm palette.
export const colors = { ink: '#2b2a33', soft: '#6b6875', accent: '#7a5c8e', paper: '#fbf8f4', card: '#ffffff', line: '#ece6df' };

export const s = {
  body: { backgroundColor: colors.paper, fontFamily: 'Georgia, "Times New Roman", serif', color: colors.ink, margin: 0 },
  container: { maxWidth: '560px', margin: '0 auto', padding: '24px 16px' },
  card: { backgroundColor: colors.card, borderRadius: '12px', padding: '28px 28px 20px', border: `1px solid ${colors.line}` },
  brand: { fontSize: '14px', letterSpacing: '0.12em', textTransform: 'uppercase' as const, color: colors.accent, margin: '0 0 16px' },
  h1: { fontSize: '24px', lineHeight: '1.3', margin: '0 0 16px', fontWeight: 'normal' as const },
  p: { fontSize: '17px', lineHeight: '1.6', margin: '0 0 16px' },
  exercise: { backgroundColor: '#f4eff8', borderRadius: '8px', padding: '14px 18px', margin: '8px 0 18px' },
  exerciseTitle: { fontSize: '13px', letterSpacing: '0.08em', textTransform: 'uppercase' as const, color: colors.accent, margin: '0 0 6px' },
  reply: { fontSize: '16px', lineHeight: '1.6', color: colors.soft, fontStyle: 'italic' as const, margin: '8px 0 0' },
  button: { backgroundColor: colors.accent, color: '#ffffff', borderRadius: '8px', padding: '12px 18px', fontSize: '16px', textDecoration: 'none', display: 'block', textAlign: 'center' as const, margin: '0 0 10px' },
  footer: { fontSize: '13px', lineHeight: '1.6', color: colors.soft, textAlign: 'center' as const, margin: '16px 0 0', fontFamily: 'Helvetica, Arial, sans-serif' },
  link: { color: colors.accent },
};

import { z } from 'zod';

/** The dashboard's erase form: the word typed in, so a stray click erases no one. */
export const EraseConfirmation = z.object({
  confirm: z.string({ error: 'type the word erase to confirm' }).trim().toLowerCase().pipe(z.literal('erase', { error: 'type the word erase to confirm' })),
});

import { z } from 'zod';
import { validateIdNumber, validateUscc } from '../validation/index.ts';

const contact = { address: z.string().trim().max(300).nullish(), phone: z.string().trim().max(40).nullish() };

/**
 * A party as the procedures take it in (case party, licence applicant, inspected target): its identifier is checked
 * (GB 11643 ID number / GB 32100 credit code) so that one person or organisation is one entry of the party register,
 * and bans, history and cases opened from an inspection all find the same party.
 */
export const PartyInput = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('individual'),
    name: z.string().trim().min(1).max(100),
    idNumber: z
      .string()
      .trim()
      .toUpperCase()
      .superRefine((v, ctx) => {
        const r = validateIdNumber(v);
        if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, params: { messageZh: r.messageZh } });
      }),
    ...contact,
  }),
  z.object({
    type: z.literal('organisation'),
    name: z.string().trim().min(1).max(200),
    uscc: z
      .string()
      .trim()
      .toUpperCase()
      .superRefine((v, ctx) => {
        const r = validateUscc(v);
        if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, params: { messageZh: r.messageZh } });
      }),
    legalRepresentative: z.string().trim().max(100).nullish(),
    ...contact,
  }),
]);
export type PartyInput = z.infer<typeof PartyInput>;

import { z } from 'zod';
import { IdSchema, isCleanText, text } from './common.js';

/** A person's account (api.md "People sign in"): never a password or its hash. */
export const AccountSchema = z.object({
  id: IdSchema,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(['hr', 'principal']),
  schoolId: IdSchema.nullable(),
  schoolName: z.string().nullable(),
  disabled: z.boolean(),
  /** false until the password is set with the activation code (again after a reset) */
  activated: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
});

/** A user name: one line, no spaces (a school's code by default). */
export const UsernameSchema = text(100).refine((s) => !/\s/.test(s), { message: 'must not contain spaces' });
/**
 * A password: at least 10 characters (NIST SP 800-63B asks 8 at least; a county's principals get a
 * bit more), at most 200 so the hash cannot be made to work on megabytes. Not trimmed: a space is a character.
 */
export const PasswordSchema = secret(10);

/** A password as typed: not trimmed (a space is a character), but no control characters and well-formed Unicode. */
function secret(min: number) {
  return z
    .string()
    .min(min, `must be at least ${min} characters`)
    .max(200)
    .refine((s) => isCleanText(s), { message: 'must not contain control characters and must be well-formed Unicode' });
}

export const SignInInput = z.object({ username: text(100), password: secret(1) });
export const ActivateInput = z.object({ username: text(100), activationCode: text(40), password: PasswordSchema });
export const AccountInput = z.object({
  username: UsernameSchema,
  displayName: text(200),
  role: z.enum(['hr', 'principal']),
  schoolId: IdSchema.nullable().optional(),
});
export const BulkAccountsInput = z.object({
  role: z.literal('principal'),
  /** absent: every school without a principal's account */
  schoolIds: z.array(IdSchema).min(1).max(10_000).optional(),
});
export const AccountPatch = z
  .object({ disabled: z.boolean().optional(), displayName: text(200).optional() })
  .refine((p) => p.disabled !== undefined || p.displayName !== undefined, { message: 'give disabled or displayName' });
export const AccountWithCode = z.object({ account: AccountSchema, activationCode: z.string() });
export const CodesListInput = z.object({
  items: z
    .array(z.object({ accountId: IdSchema, activationCode: text(40) }))
    .min(1)
    .max(10_000),
});

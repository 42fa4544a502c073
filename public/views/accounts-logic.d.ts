// Types of public/views/accounts-logic.js for the tests.
export interface AccountLike {
  id: string;
  username: string;
  displayName: string;
  role: string;
  schoolId: string | null;
  schoolName: string | null;
  disabled: boolean;
  activated: boolean;
  lastSignInAt: string | null;
}
export interface HeldCode {
  account: { id: string };
  activationCode: string;
}
export const PASSWORD_MIN: number;
export function passwordProblem(password: string, again: string): string | null;
export function signInErrorZh(err: { code?: string; statusCode?: number } | null | undefined): string | null;
export function chinaTime(iso: string | null): string;
export function accountState(a: AccountLike): string;
export function accountRows<A extends AccountLike>(accounts: A[]): (A & { roleZh: string; stateZh: string; lastSignInZh: string })[];
export function schoolsWithoutAccount<S extends { id: string }>(schools: S[], accounts: AccountLike[]): S[];
export function bulkConfirmText(n: number): string;
export function mergeCodes<C extends HeldCode>(held: C[], items: C[]): C[];
export function codesBody(held: HeldCode[]): { items: { accountId: string; activationCode: string }[] };

import { describe, expect, it } from 'vitest';
import {
  accountRows,
  bulkConfirmText,
  chinaTime,
  codesBody,
  mergeCodes,
  passwordProblem,
  schoolsWithoutAccount,
  signInErrorZh,
} from '../../public/views/accounts-logic.js';

const account = (over: Record<string, unknown>) => ({
  id: 'a',
  username: 'u',
  displayName: 'd',
  role: 'principal',
  schoolId: null,
  schoolName: null,
  disabled: false,
  activated: true,
  lastSignInAt: null,
  ...over,
});

describe('the 账号 view and the sign-in forms (public/views/accounts-logic.js)', () => {
  it('the new password is checked as the API checks it, and typed twice alike', () => {
    expect(passwordProblem('short', 'short')).toBe('密码至少10个字符');
    expect(passwordProblem('long enough 1', 'long enough 2')).toBe('两次输入的新密码不一致');
    expect(passwordProblem('long enough 1', 'long enough 1')).toBeNull();
  });

  it('sign-in and activation failures are said in Chinese by their code', () => {
    expect(signInErrorZh({ code: 'SIGN_IN_FAILED', statusCode: 401 })).toBe('用户名或密码错误，或账号未激活、已停用');
    expect(signInErrorZh({ code: 'TOO_MANY_REQUESTS', statusCode: 429 })).toBe('失败次数过多，请稍后再试');
    expect(signInErrorZh({ code: 'ACTIVATION_FAILED', statusCode: 400 })).toBe('用户名或激活码错误，或激活码已使用、已过期');
    expect(signInErrorZh({ code: 'UNAUTHORIZED', statusCode: 401 })).toBe('令牌无效');
  });

  it('rows: HR first, then principals by school; state and last sign-in in words, in China time', () => {
    const rows = accountRows([
      account({ id: '1', schoolName: '靖海中学', schoolId: 's1', lastSignInAt: '2027-05-10T02:00:00Z' }),
      account({ id: '2', role: 'hr', username: 'hr', activated: false }),
      account({ id: '3', schoolName: '惠城实验小学', schoolId: 's2', disabled: true }),
    ]);
    expect(rows.map((r) => r.id)).toEqual(['2', '3', '1']);
    expect(rows.map((r) => r.stateZh)).toEqual(['未激活', '已停用', '正常']);
    expect(rows.map((r) => r.roleZh)).toEqual(['人事股', '校长', '校长']);
    expect(rows[2].lastSignInZh).toBe('2027-05-10 10:00');
    expect(rows[0].lastSignInZh).toBe('从未登录');
    expect(chinaTime('2027-12-31T16:30:00Z')).toBe('2028-01-01 00:30');
  });

  it('the schools without a principal account are those the bulk creation covers, and HR confirms their count', () => {
    const schools = [{ id: 's1' }, { id: 's2' }, { id: 's3' }];
    const accounts = [account({ schoolId: 's2' }), account({ role: 'hr', schoolId: null })];
    expect(schoolsWithoutAccount(schools, accounts).map((s) => s.id)).toEqual(['s1', 's3']);
    expect(bulkConfirmText(30)).toContain('将为30所');
  });

  it("the codes held: a reset's new code replaces the account's earlier one; the download body lists each once", () => {
    const held = mergeCodes(
      [],
      [
        { account: { id: 'a1' }, activationCode: 'OLD1' },
        { account: { id: 'a2' }, activationCode: 'CODE2' },
      ],
    );
    const after = mergeCodes(held, [{ account: { id: 'a1' }, activationCode: 'NEW1' }]);
    expect(codesBody(after)).toEqual({
      items: [
        { accountId: 'a1', activationCode: 'NEW1' },
        { accountId: 'a2', activationCode: 'CODE2' },
      ],
    });
  });
});

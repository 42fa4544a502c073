// The pure logic of the sign-in forms and HR's 账号 view (public/views/accounts.js): no DOM, no
// fetch, so test/web/accounts-logic.test.ts checks it in Node.

/** The password rule of the API (src/schemas/accounts.ts PasswordSchema): 10 to 200 characters. */
export const PASSWORD_MIN = 10;

/** Why the two new passwords cannot be sent, or null. */
export function passwordProblem(password, again) {
  if (password.length < PASSWORD_MIN) return `密码至少${PASSWORD_MIN}个字符`;
  if (password.length > 200) return '密码最多200个字符';
  if (password !== again) return '两次输入的新密码不一致';
  return null;
}

/** A failed sign-in or activation in Chinese, by the API's error code. */
export function signInErrorZh(err) {
  const code = err?.code;
  if (code === 'SIGN_IN_FAILED') return '用户名或密码错误，或账号未激活、已停用';
  if (code === 'ACTIVATION_FAILED') return '用户名或激活码错误，或激活码已使用、已过期';
  if (code === 'TOO_MANY_REQUESTS') return '失败次数过多，请稍后再试';
  if (code === 'VALIDATION_FAILED') return '输入有误，请检查后重试';
  if (err?.statusCode === 401) return '令牌无效';
  return null;
}

const ROLE_ZH = { hr: '人事股', principal: '校长' };

/** A time as China's clock shows it: 2027-05-10 10:00. */
export function chinaTime(iso) {
  if (!iso) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** An account's state in words: 已停用 over 未激活 over 正常. */
export function accountState(a) {
  if (a.disabled) return '已停用';
  if (!a.activated) return '未激活';
  return '正常';
}

/** The rows of the 账号 table: HR first, then principals by school name; each with its words. */
export function accountRows(accounts) {
  return [...accounts]
    .sort((a, b) => (a.role === b.role ? (a.schoolName ?? a.username).localeCompare(b.schoolName ?? b.username, 'zh-CN') : a.role === 'hr' ? -1 : 1))
    .map((a) => ({
      ...a,
      roleZh: ROLE_ZH[a.role] ?? a.role,
      stateZh: accountState(a),
      lastSignInZh: a.lastSignInAt ? chinaTime(a.lastSignInAt) : '从未登录',
    }));
}

/** Schools that have no principal's account yet (what POST /accounts/bulk without schoolIds would create). */
export function schoolsWithoutAccount(schools, accounts) {
  const has = new Set(accounts.filter((a) => a.role === 'principal').map((a) => a.schoolId));
  return schools.filter((s) => !has.has(s.id));
}

/** What HR confirms before the bulk creation. */
export function bulkConfirmText(n) {
  return `将为${n}所尚无校长账号的学校各创建一个校长账号（用户名为学校代码），并生成一次性激活码。确定吗？`;
}

/**
 * The codes the page holds to hand out, newest answer last: a reset replaces the account's earlier
 * code (only the newest works), keyed by account.
 */
export function mergeCodes(held, items) {
  const byAccount = new Map(held.map((c) => [c.account.id, c]));
  for (const it of items) byAccount.set(it.account.id, it);
  return [...byAccount.values()];
}

/** The body of POST /accounts/activation-codes.xlsx. */
export function codesBody(held) {
  return { items: held.map((c) => ({ accountId: c.account.id, activationCode: c.activationCode })) };
}

// Sign-in (用户名/密码), account activation (激活账号) and HR's 账号 view (api.md "People sign in").
// The pure logic is in accounts-logic.js with its tests; the API wrapper and the message component
// come from app.js as props, so this module has no second copy of them.
import { html, useEffect, useState } from '/vendor/htm-preact.js';
import { saveBlob } from '../download.js';
import { PASSWORD_MIN, accountRows, bulkConfirmText, codesBody, mergeCodes, passwordProblem, schoolsWithoutAccount, signInErrorZh } from './accounts-logic.js';

/**
 * The sign-in card: user name and password for people; activation with the code HR handed out;
 * and, folded away, a pasted access token for systems and administrators (scripts use tokens; a
 * person's page never needs one, but an administrator may still open the page with one).
 */
export function SignInPanel({ api, onPassword, onToken, message }) {
  const [mode, setMode] = useState('password');
  const [error, setError] = useState(message ?? '');
  const [ok, setOk] = useState('');
  const [username, setUsername] = useState('');
  const say = (err, fallback) => setError(signInErrorZh(err) ?? fallback(err));
  const show = (next) => {
    setError('');
    setOk('');
    setMode(next);
  };

  const signIn = async (e) => {
    e.preventDefault();
    const f = e.target;
    setError('');
    try {
      await api('/session', { method: 'POST', body: { username: f.username.value.trim(), password: f.password.value }, signingIn: true });
      await onPassword();
    } catch (err) {
      say(err, () => '登录失败，请稍后再试');
    }
  };
  const activate = async (e) => {
    e.preventDefault();
    const f = e.target;
    const problem = passwordProblem(f.password.value, f.again.value);
    if (problem) return setError(problem);
    const name = f.username.value.trim();
    try {
      await api('/accounts/activate', {
        method: 'POST',
        body: { username: name, activationCode: f.code.value.trim(), password: f.password.value },
        signingIn: true,
      });
      setUsername(name);
      setError('');
      setOk('账号已激活，请用新密码登录。');
      setMode('password');
    } catch (err) {
      say(err, () => '激活失败，请稍后再试');
    }
  };
  const token = async (e) => {
    e.preventDefault();
    setError('');
    try {
      await onToken(e.target.token.value.trim());
    } catch (err) {
      say(err, () => '令牌无效');
    }
  };

  if (mode === 'activate') {
    return html`<section id="activate" class="card signin" aria-labelledby="activate-title">
      <h2 id="activate-title">激活账号</h2>
      <p class="muted">第一次使用：输入人事股发给您的用户名和激活码，设置自己的密码（至少${PASSWORD_MIN}个字符）。</p>
      <form id="activate-form" onSubmit=${activate}>
        <label for="act-username">用户名</label>
        <input id="act-username" name="username" autocomplete="username" autocapitalize="off" required />
        <label for="act-code">激活码</label>
        <input id="act-code" name="code" autocomplete="one-time-code" autocapitalize="characters" required />
        <label for="act-password">新密码</label>
        <input id="act-password" name="password" type="password" autocomplete="new-password" minlength=${PASSWORD_MIN} required />
        <label for="act-again">再次输入新密码</label>
        <input id="act-again" name="again" type="password" autocomplete="new-password" minlength=${PASSWORD_MIN} required />
        <button type="submit">激活</button>
        <p id="signin-error" class="error" role="alert">${error}</p>
      </form>
      <button type="button" class="link" onClick=${() => show('password')}>返回登录</button>
    </section>`;
  }
  return html`<section id="signin" class="card signin" aria-labelledby="signin-title">
    <h2 id="signin-title">登录</h2>
    ${ok && html`<p id="signin-ok" class="msg ok" role="status">${ok}</p>`}
    <form id="signin-form" onSubmit=${signIn}>
      <label for="signin-username">用户名</label>
      <input id="signin-username" name="username" autocomplete="username" autocapitalize="off" value=${username} required />
      <label for="signin-password">密码</label>
      <input id="signin-password" name="password" type="password" autocomplete="current-password" required />
      <button type="submit">登录</button>
      <p id="signin-error" class="error" role="alert">${error}</p>
    </form>
    <p class="muted">第一次使用或密码被重置？<button type="button" class="link" onClick=${() => show('activate')}>激活账号</button></p>
    <details class="token-signin">
      <summary>使用令牌</summary>
      <p class="muted">供系统管理员和对接系统使用；学校和人事股人员请用账号登录。</p>
      <form id="token-form" onSubmit=${token}>
        <label for="token">访问令牌</label>
        <input id="token" name="token" type="password" autocomplete="off" required />
        <button type="submit" class="secondary">用令牌登录</button>
      </form>
    </details>
  </section>`;
}

/**
 * HR's 账号 view: who has an account and when they last signed in; principals' accounts for every
 * school without one in one step (confirmed with the count); the one-time codes to download or
 * print; reset, disable and enable.
 */
export function AccountsView({ api, allItems, Msg, fail }) {
  const [data, setData] = useState(null);
  const [n, setN] = useState(0);
  const [msg, setMsg] = useState(null);
  // the codes answered in this visit: stored as hashes, they cannot be read back later
  const [codes, setCodes] = useState([]);
  useEffect(() => {
    let live = true;
    Promise.all([allItems('/accounts'), allItems('/schools')]).then(
      ([accounts, schools]) => live && setData({ accounts, schools }),
      (err) => live && setMsg(fail(err)),
    );
    return () => {
      live = false;
    };
  }, [n]);
  const reload = () => setN((x) => x + 1);
  if (!data) return html`<section class="card"><h2 id="h-accounts">账号</h2><${Msg} msg=${msg} id="accounts-msg" /><p class="muted">正在加载…</p></section>`;

  const rows = accountRows(data.accounts);
  const missing = schoolsWithoutAccount(data.schools, data.accounts);
  const act = async (work, ok) => {
    try {
      const r = await work();
      setMsg({ ok: typeof ok === 'function' ? ok(r) : ok });
      reload();
    } catch (err) {
      setMsg(fail(err));
    }
  };
  const bulk = () => {
    if (!window.confirm(bulkConfirmText(missing.length))) return;
    act(
      async () => {
        const r = await api('/accounts/bulk', { method: 'POST', body: { role: 'principal' } });
        setCodes((held) => mergeCodes(held, r.items));
        return r;
      },
      (r) => `已创建${r.items.length}个校长账号。请下载或打印激活码并分发，激活码只显示这一次。`,
    );
  };
  const createHr = (e) => {
    e.preventDefault();
    const f = e.target;
    act(
      async () => {
        const r = await api('/accounts', { method: 'POST', body: { username: f.username.value.trim(), displayName: f.displayName.value.trim(), role: 'hr' } });
        setCodes((held) => mergeCodes(held, [r]));
        f.reset();
        return r;
      },
      (r) => `已新建人事股账号 ${r.account.username}，激活码见下方。`,
    );
  };
  const reset = (a) => {
    if (!window.confirm(`重置 ${a.displayName}（${a.username}）的账号？原密码立即失效，需用新的激活码重新激活。`)) return;
    act(async () => {
      const r = await api(`/accounts/${a.id}/reset`, { method: 'POST' });
      setCodes((held) => mergeCodes(held, [r]));
      return r;
    }, `已重置 ${a.username}，新的激活码见下方。`);
  };
  const toggle = (a) =>
    act(() => api(`/accounts/${a.id}`, { method: 'PATCH', body: { disabled: !a.disabled } }), `${a.username} 已${a.disabled ? '启用' : '停用'}。`);
  const download = () =>
    act(
      async () => saveBlob(await api('/accounts/activation-codes.xlsx', { method: 'POST', body: codesBody(codes), raw: true }), '账号激活码.xlsx'),
      '激活码已下载。',
    );
  const print = () => {
    document.body.classList.add('print-codes');
    window.print();
    document.body.classList.remove('print-codes');
  };

  return html`<section class="card" aria-labelledby="h-accounts">
      <h2 id="h-accounts">账号</h2>
      <p id="accounts-summary">共${data.accounts.length}个账号；${missing.length}所学校尚无校长账号。</p>
      <div class="row no-print">
        <button type="button" id="bulk-create" disabled=${missing.length === 0} onClick=${bulk}>为${missing.length}所学校创建校长账号</button>
        <form id="new-hr" class="row" onSubmit=${createHr}>
          <div><label for="new-hr-username">用户名</label><input id="new-hr-username" name="username" maxlength="100" required /></div>
          <div><label for="new-hr-name">名称</label><input id="new-hr-name" name="displayName" maxlength="200" required /></div>
          <button type="submit" class="secondary">新建人事股账号</button>
        </form>
      </div>
      <${Msg} msg=${msg} id="accounts-msg" />
      <div class="table-wrap">
        <table id="account-table">
          <thead><tr><th>用户名</th><th>名称</th><th>角色</th><th>学校</th><th>状态</th><th>最近登录</th><th class="no-print">操作</th></tr></thead>
          <tbody>
            ${rows.map(
              (a) => html`<tr data-account=${a.id}>
                <td>${a.username}</td><td>${a.displayName}</td><td>${a.roleZh}</td><td>${a.schoolName ?? ''}</td>
                <td>${a.stateZh}</td><td>${a.lastSignInZh}</td>
                <td class="no-print">
                  <button type="button" class="link" onClick=${() => reset(a)}>重置</button>
                  <button type="button" class="link" onClick=${() => toggle(a)}>${a.disabled ? '启用' : '停用'}</button>
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>
    ${
      codes.length > 0 &&
      html`<section id="codes" class="card" aria-labelledby="h-codes">
        <h2 id="h-codes">激活码（${codes.length}个）</h2>
        <p class="muted">激活码只显示这一次，离开本页后无法再查看；请下载或打印后分发给本人。每个激活码只能使用一次。</p>
        <div class="row no-print">
          <button type="button" id="codes-xlsx" onClick=${download}>下载激活码（Excel）</button>
          <button type="button" class="secondary" onClick=${print}>打印激活码</button>
        </div>
        <div class="table-wrap">
          <table id="code-table">
            <thead><tr><th>学校</th><th>名称</th><th>用户名</th><th>激活码</th></tr></thead>
            <tbody>
              ${codes.map(
                (c) =>
                  html`<tr><td>${c.account.schoolName ?? ''}</td><td>${c.account.displayName}</td><td>${c.account.username}</td><td class="code">${c.activationCode}</td></tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>`
    }`;
}

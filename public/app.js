// The page for principals and HR: preact + htm from /vendor/htm-preact.js (one ES module, no build
// step, no import map; htm escapes every interpolated value, so no hand-written escaping). The API
// is /api/v1 (api.md); the pure logic is in logic.js with its unit tests.
import { html, render, useEffect, useMemo, useState } from '/vendor/htm-preact.js';
import {
  BACKBONE_LABEL,
  DECISION_LABEL,
  KIND_LABEL,
  PLAN_STATUS_LABEL,
  READY,
  ROLE_LABEL,
  SERVICE_KIND_LABEL,
  SIDE_LABEL,
  STATUS_LABEL,
  SUBJECT_LABEL,
  TITLE_LABEL,
  announceConfirmText,
  answerText,
  approveAllConfirm,
  cardReasons,
  changedText,
  chartBars,
  chartSchools,
  currentProposal,
  diffRows,
  errorZh,
  groupForSchool,
  installVocabulary,
  kindPost,
  noticeState,
  objectionSummary,
  pendingReviews,
  personName,
  proposalStatusText,
  publishConfirmText,
  reviewCountsText,
  percent,
  phasesText,
  publishBlocker,
  reviewLabel,
  reviewSide,
  schoolQuotaText,
  searchLines,
  shareText,
  sortLines,
  withExclusion,
  withPin,
  when,
  withdrawConfirmText,
  yearZh,
} from './logic.js';
import { saveBlob } from './download.js';
import { AccountsView, SignInPanel } from './views/accounts.js';
import { ParameterFields, readParameters } from './views/parameters.js';
import { parameterErrorZh } from './views/parameters-logic.js';

// ---- the API
class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.statusCode = status;
    this.code = body?.code;
    this.details = body?.details;
  }
}
// A person's session is an HttpOnly cookie the page never sees (it survives a reload and reaches a
// second tab); its writes carry the CSRF token GET /me answers. A pasted token (systems, administrators)
// is kept for this tab only and sent as a bearer token instead.
const session = { token: sessionStorage.getItem('token'), csrf: null, onExpired: () => {} };

async function api(path, opts = {}) {
  const method = opts.method ?? 'GET';
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers: {
      ...(session.token ? { authorization: `Bearer ${session.token}` } : {}),
      ...(session.csrf && method !== 'GET' ? { 'x-csrf-token': session.csrf } : {}),
      ...(opts.body ? { 'content-type': 'application/json' } : {}),
    },
    body: opts.body ? JSON.stringify(opts.body) : undefined,
  });
  const json = res.headers.get('content-type')?.includes('json');
  const body = opts.raw && res.ok ? await res.blob() : json ? await res.json() : null;
  if (res.status === 401 && !opts.signingIn) session.onExpired();
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

/** Every page of a list (a list is never cut without saying so). */
async function allItems(path, pageSize = 1000) {
  const items = [];
  let cursor = null;
  const sep = path.includes('?') ? '&' : '?';
  do {
    const page = await api(`${path}${sep}limit=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

async function download(path, filename) {
  saveBlob(await api(path, { raw: true }), filename);
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const labelOf = (table, code) => table[code] ?? code ?? '';

// ---- small pieces
/** A message: success in the success colour (role=status), an error in Chinese with the API's words as a detail (role=alert). */
function Msg({ msg, id }) {
  if (!msg) return html`<p id=${id} class="msg" role="status"></p>`;
  if (msg.ok) return html`<p id=${id} class="msg ok" role="status">${msg.ok}</p>`;
  // the API's own words (English) only for whoever looks into it, folded away (issue #19)
  return html`<div id=${id} class="msg error" role="alert"><p>${msg.text}</p>${msg.action ?? ''}${
    msg.detail ? html`<details class="detail"><summary>详细信息</summary><p>${msg.detail}</p></details>` : ''
  }</div>`;
}
const fail = (err, action) => errorZh(err, action);

function useLoad(load, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, n]);
  return [state, () => setN((x) => x + 1)];
}

async function loadCurrent() {
  const plans = (await api('/plans')).items;
  const open = plans.filter((x) => x.status !== 'archived').slice(0, 3);
  const lists = await Promise.all(open.map((p) => api(`/plans/${p.id}/proposals`)));
  const byPlan = Object.fromEntries(open.map((p, i) => [p.id, lists[i].items]));
  return { plans, byPlan, current: currentProposal(plans, byPlan) };
}

function App() {
  const [me, setMe] = useState(null);
  const [vocabulary, setVocabulary] = useState(null);
  const [message, setMessage] = useState('');
  const [booting, setBooting] = useState(true);
  const forget = (text = '') => {
    sessionStorage.removeItem('token');
    session.token = null;
    session.csrf = null;
    setMe(null);
    setMessage(text);
  };
  // 退出登录 ends a person's session on the server, not only in this page
  const signOut = async () => {
    if (!session.token) await api('/session', { method: 'DELETE', signingIn: true }).catch(() => {});
    forget();
  };
  session.onExpired = () => forget('登录已失效，请重新登录');
  const signedIn = async (who) => {
    session.csrf = who.csrfToken ?? null;
    // the labels and the calendar come from GET /vocabulary, once per page
    if (!vocabulary) {
      const v = await api('/vocabulary');
      installVocabulary(v);
      setVocabulary(v);
    }
    setMe(who);
  };
  // a reload or a second tab: the session cookie (or this tab's token) answers GET /me
  useEffect(() => {
    api('/me', { signingIn: true })
      .then(signedIn, () => forget())
      .finally(() => setBooting(false));
  }, []);
  const withPassword = async () => signedIn(await api('/me', { signingIn: true }));
  const withToken = async (token) => {
    session.token = token;
    try {
      const who = await api('/me', { signingIn: true });
      sessionStorage.setItem('token', token);
      await signedIn(who);
    } catch (err) {
      session.token = null;
      throw err;
    }
  };
  if (booting) return html`<p class="muted">正在加载…</p>`;
  return html`<header class="top">
      <h1>教师交流轮岗</h1>
      <div id="who" class="who" aria-live="polite">
        ${me && html`${whoText(me)} <button class="secondary" id="signout" onClick=${() => signOut()}>退出登录</button>`}
      </div>
    </header>
    <main id="main">
      ${
        !me || !vocabulary
          ? html`<${SignInPanel} api=${api} onPassword=${withPassword} onToken=${withToken} message=${message} key=${message} />`
          : html`<section id="view">${me.role === 'principal' ? html`<${PrincipalView} me=${me} />` : html`<${HrArea} me=${me} vocabulary=${vocabulary} />`}</section>`
      }
    </main>`;
}

/** Who is signed in, in words meant for them: 惠城实验小学校长, 人事股; never an account's technical label. */
function whoText(me) {
  if (me.role === 'principal') return `${me.schoolName ?? ''}${labelOf(ROLE_LABEL, 'principal')}`;
  return personName(me.account?.displayName ?? me.label, labelOf(ROLE_LABEL, me.role));
}

// ---- principal: one card per teacher, 同意 / 异议 per line, 全部同意 for the rest
const GROUPS = [
  ['outgoing', '调出'],
  ['incoming', '调入'],
  ['itinerant', '走教'],
  ['shadowing', '跟岗'],
];

function PrincipalView({ me }) {
  const [state, reload] = useLoad(async () => {
    const { current } = await loadCurrent();
    if (!current) return { current: null };
    const [proposal, lines, quota, objections] = await Promise.all([
      api(`/proposals/${current.proposal.id}`),
      allItems(`/proposals/${current.proposal.id}/lines?schoolId=${me.schoolId}`, 5000),
      api(`/proposals/${current.proposal.id}/quota?schoolId=${me.schoolId}`).then((r) => r.quota),
      // every objection on a line touching the school, the teachers' lodged by HR included, with HR's answers (issue #19)
      allItems(`/proposals/${current.proposal.id}/objections?schoolId=${me.schoolId}`).catch((err) => {
        if (err.code === 'ROUTE_NOT_FOUND') return [];
        throw err;
      }),
    ]);
    return { current: { plan: current.plan, proposal }, lines, quota, objections };
  }, []);
  const [msg, setMsg] = useState(null);
  const [busy, setBusy] = useState(false);
  if (state.error) return html`<section class="card"><h2>本校交流名单</h2><${Msg} msg=${fail(state.error)} /></section>`;
  if (!state.data) return html`<p class="muted">正在加载…</p>`;
  if (!state.data.current) return html`<section class="card"><h2>本校交流名单</h2><p>暂无方案。</p></section>`;
  const { plan, proposal } = state.data.current;
  const lines = state.data.lines;
  const objections = state.data.objections ?? [];
  const objectionsOf = (lineId) => objections.filter((o) => o.lineId === lineId);
  const groups = groupForSchool(lines, me.schoolId);
  const day = today();
  const notice = noticeState(proposal, day);
  // reviews are open on a finished or announced version, until the notice period ends
  const canReview = (proposal.status === 'done' || proposal.status === 'announced') && notice.phase !== 'closed';
  // a line that changed since this side reviewed it is waiting for review like a new one (issue #19)
  const pending = canReview ? pendingReviews(lines, me.schoolId) : { all: [], changed: [] };
  const approveAll = async () => {
    if (!confirm(approveAllConfirm(pending))) return;
    setBusy(true);
    let done = 0;
    let closed = 0;
    try {
      for (const l of pending.all) {
        try {
          await api(`/proposals/${proposal.id}/lines/${l.id}/review`, { method: 'POST', body: { decision: 'approve', comment: '' } });
          done++;
        } catch (err) {
          // after a 补充公示 a line kept from the earlier notice has had its period (docs/notices.md): skip it, say so
          if (err.statusCode !== 409) throw err;
          closed++;
        }
      }
      setMsg({ ok: `已同意${done}条。${closed ? `另有${closed}条公示期已结束，不再受理审核。` : ''}` });
    } catch (err) {
      setMsg(fail(err, 'review'));
    } finally {
      setBusy(false);
      reload();
    }
  };
  const summary = objectionSummary(objections);
  const file = `${me.schoolName ?? '本校'}-${yearZh(plan.year)}交流名单-第${proposal.version}版`;
  return html`<section class="card intro" aria-labelledby="h-intro">
      <h2 id="h-intro">${yearZh(plan.year)}交流方案 第${proposal.version}版（${labelOf(STATUS_LABEL, proposal.status)}）</h2>
      <p class="muted">${me.schoolName}：涉及本校的调入、调出、走教与跟岗名单，共${lines.length}人。</p>
      <p id="school-quota">${schoolQuotaText(lines, me.schoolId, state.data.quota)}</p>
      ${notice.text && html`<p id="notice" class=${notice.phase === 'open' ? 'notice' : 'muted'}>${notice.text}</p>`}
      ${summary && html`<p id="objection-summary">${summary}</p>`}
      ${proposal.status === 'done' && html`<p id="draft-note" class="muted">本版尚未公示：名单仅供学校审核，打开或下载的文件为征求意见稿。</p>`}
      <div class="row no-print">
        ${
          pending.all.length > 0 &&
          html`<button id="approve-all" disabled=${busy} onClick=${approveAll}>全部同意（未审核${pending.all.length}条${pending.changed.length ? `，含有变化${pending.changed.length}条` : ''}）</button>`
        }
        <${NoticeLinks} proposal=${proposal} schoolId=${me.schoolId} onError=${setMsg} label="下载本校名单（Excel）" file=${file} />
        <button class="secondary" id="print" onClick=${() => window.print()}>打印本校名单</button>
      </div>
      <${Msg} msg=${msg} id="principal-msg" />
    </section>
    ${GROUPS.map(
      ([key, title]) => html`<section class="card group" aria-labelledby=${`h-${key}`} key=${key}>
        <h2 id=${`h-${key}`}>${title}（${groups[key].length}人）</h2>
        ${
          groups[key].length
            ? groups[key].map(
                (l) =>
                  html`<${LineCard} key=${l.id} line=${l} me=${me} proposal=${proposal} canReview=${canReview} objections=${objectionsOf(l.id)} onSaved=${reload} />`,
              )
            : html`<p class="muted">无</p>`
        }
      </section>`,
    )}`;
}

/**
 * The public notice (公示名单, only the fields a notice may carry) of one school or the county, as a
 * workbook or a printable page; a principal must name their own school. Before the service has the
 * notice documents, the workbook falls back to the proposal's export.
 */
function NoticeLinks({ proposal, schoolId, onError, label = '下载公示名单（Excel）', file }) {
  const q = schoolId ? `?schoolId=${encodeURIComponent(schoolId)}` : '';
  const name = file ?? `公示名单-第${proposal.version}版`;
  const open = async () => {
    try {
      const blob = await api(`/proposals/${proposal.id}/notice.html${q}`, { raw: true });
      window.open(URL.createObjectURL(blob), '_blank');
    } catch (err) {
      onError(fail(err));
    }
  };
  const xlsx = async () => {
    try {
      await download(`/proposals/${proposal.id}/notice.xlsx${q}`, `${name}.xlsx`);
    } catch (err) {
      if (err.code !== 'ROUTE_NOT_FOUND') return onError(fail(err));
      await download(`/proposals/${proposal.id}/export.xlsx${q}`, `${name}.xlsx`).catch((e) => onError(fail(e)));
    }
  };
  return html`<button class="secondary" id="notice-xlsx" onClick=${xlsx}>${label}</button><button class="secondary" id="notice-html" onClick=${open}>打开公示文件（可打印）</button>`;
}

function LineCard({ line, me, proposal, canReview, objections = [], onSaved }) {
  const side = reviewSide(line, me.schoolId);
  // what this principal just saved shows at once; the reload that follows brings the same from the service
  const [saved, setSaved] = useState(null);
  const mine = saved ?? (side ? line.review[side] : null);
  const [commentState, setComment] = useState(mine?.comment ?? '');
  const [msg, setMsg] = useState(null);
  const t = line.teacher;
  const reasons = cardReasons(line);
  const send = async (decision) => {
    // the field as it reads now: a tap right after typing may come before the state's re-render
    const comment = document.getElementById(`c-${line.id}`)?.value ?? commentState;
    if (decision === 'object' && !comment.trim()) {
      setMsg({ text: '提出异议须填写意见' });
      document.getElementById(`c-${line.id}`)?.focus();
      return;
    }
    try {
      await api(`/proposals/${proposal.id}/lines/${line.id}/review`, { method: 'POST', body: { decision, comment: comment.trim() } });
      setMsg(null);
      setSaved({ decision, comment: comment.trim(), carried: false, carriedFromVersion: null });
      onSaved();
    } catch (err) {
      setMsg(fail(err, 'review'));
    }
  };
  const state = reviewLabel(mine, { status: proposal.status, today: today(), startDate: line.startDate });
  const changed = proposal.status === 'published' ? '' : changedText(mine ?? line.review?.[side]);
  return html`<article class="line-card" data-line=${line.id} aria-label=${`${t.name}，${kindPost(line)}`}>
    <h3><span class="name">${t.name}</span> <span class="kind">${kindPost(line)}</span>${line.pinned ? html` <span class="badge">固定</span>` : ''}</h3>
    <p class="facts">${[labelOf(SUBJECT_LABEL, t.subject), labelOf(TITLE_LABEL, t.title), t.backbone ? labelOf(BACKBONE_LABEL, t.backbone) : ''].filter(Boolean).join(' · ')}</p>
    <p class="move">${line.fromSchoolName} → ${line.toSchoolName}${line.hoursPerWeek ? `（每周${line.hoursPerWeek}课时）` : ''}</p>
    <p class="term">任期 ${line.startDate} 至 ${line.endDate}</p>
    ${(reasons.own.length || reasons.shared.length) && html`<p class="reasons">${[...reasons.own, ...reasons.shared].join('；')}</p>`}
    <div class="review">
      <span class="state" aria-live="polite">${msg && !msg.ok ? msg.text : state}${mine?.carried ? '（沿用上一版审核）' : ''}</span>
      ${changed && html`<span class="changed">${changed}</span>`}
      ${
        objections.length > 0 &&
        html`<ul class="answers">${objections.map(
          (o) => html`<li key=${o.id} class=${`answer ${o.answer ? o.answer.decision : 'open'}`}>
            <span class="said">${o.source === 'teacher' ? `教师本人异议（${personName(o.lodgedBy, '教师本人')}）` : `${labelOf(SIDE_LABEL, o.side)}学校校长异议`}：${o.comment}${o.carried ? '（沿用上一版）' : ''}</span>
            <span class="verdict">${answerText(o)}</span>
          </li>`,
        )}</ul>`
      }
      ${
        side &&
        canReview &&
        html`<div class="review-controls">
        <label for=${`c-${line.id}`} class="sr-only">对${t.name}的意见</label>
        <input id=${`c-${line.id}`} type="text" placeholder="意见（提出异议时必填）" value=${commentState} onInput=${(e) => setComment(e.target.value)} />
        <button onClick=${() => send('approve')}>${DECISION_LABEL.approve}</button>
        <button class="secondary" onClick=${() => send('object')}>${DECISION_LABEL.object}</button>
      </div>`
      }
    </div>
  </article>`;
}

// ---- HR
/** The address of an HR view (#accounts), so back and forward work and a view can be bookmarked. */
function useHash() {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

/** HR's views: 方案 (the plans and proposals) and 账号 (people's accounts). */
function HrArea({ me, vocabulary }) {
  const hash = useHash();
  const accounts = hash === '#accounts';
  return html`<nav class="tabs no-print" aria-label="人事股">
      <a href="#" aria-current=${accounts ? undefined : 'page'}>方案</a>
      <a href="#accounts" aria-current=${accounts ? 'page' : undefined}>账号</a>
    </nav>
    ${accounts ? html`<${AccountsView} api=${api} allItems=${allItems} Msg=${Msg} fail=${fail} />` : html`<${HrView} me=${me} vocabulary=${vocabulary} />`}`;
}

function HrView({ vocabulary }) {
  const [planId, setPlanId] = useState(null);
  const [state, reload] = useLoad(loadCurrent, []);
  const [msg, setMsg] = useState(null);
  if (state.error) return html`<${Msg} msg=${fail(state.error)} />`;
  if (!state.data) return html`<p class="muted">正在加载…</p>`;
  const { plans, current } = state.data;
  const plan = plans.find((p) => p.id === planId) ?? current?.plan ?? plans[0];
  const archive = async (p) => {
    if (!confirm(`将归档${yearZh(p.year)}方案“${p.name}”：归档后不能再生成新方案、公示或发布，名单与记录保留。确定归档吗？`)) return;
    try {
      await api(`/plans/${p.id}`, { method: 'PATCH', body: { status: 'archived' } });
      setMsg({ ok: `已归档方案“${p.name}”。` });
      reload();
    } catch (err) {
      setMsg(fail(err));
    }
  };
  const create = async (e) => {
    e.preventDefault();
    const f = e.target;
    const year = Number(f.year.value);
    const name = f.name.value.trim();
    try {
      const p = await api('/plans', { method: 'POST', body: { year, name } });
      setMsg({ ok: `已新建${yearZh(p.year)}方案“${p.name}”。` });
      setPlanId(p.id);
      reload();
    } catch (err) {
      const m = fail(err, 'createPlan');
      // the message suggests archiving the plan of that name: offer it here (issue #19)
      const clash =
        err.statusCode === 409 &&
        plans.find((p) => p.year === year && p.status === 'open' && (p.name === name || (!name && p.name === `${yearZh(year)}交流方案`)));
      setMsg(
        clash
          ? {
              ...m,
              action: html`<button type="button" class="secondary" id="archive-clash" onClick=${() => archive(clash)}>归档原方案“${clash.name}”</button>`,
            }
          : m,
      );
    }
  };
  return html`<section class="card" aria-labelledby="h-plans">
      <h2 id="h-plans">年度方案</h2>
      <div class="row">
        <div>
          <label for="plan-select">方案</label>
          <select id="plan-select" value=${plan?.id} onChange=${(e) => setPlanId(e.target.value)}>
            ${plans.map((p) => html`<option value=${p.id}>${yearZh(p.year)} ${p.name}（${labelOf(PLAN_STATUS_LABEL, p.status)}）</option>`)}
          </select>
          ${plan?.status === 'open' && html` <button type="button" class="secondary" id="archive-plan" onClick=${() => archive(plan)}>归档此方案</button>`}
        </div>
        <form id="new-plan" class="row" onSubmit=${create}>
          <div><label for="new-year">新建学年</label><input id="new-year" name="year" type="number" min="2000" max="2100" value=${new Date().getFullYear() + 1} /></div>
          <div><label for="new-name">方案名称</label><input id="new-name" name="name" maxlength="200" /></div>
          <button type="submit">新建方案</button>
        </form>
      </div>
      <${Msg} msg=${msg} id="plan-msg" />
      ${plan && html`<${PlanEditor} key=${plan.id} plan=${plan} vocabulary=${vocabulary} onSaved=${reload} />`}
    </section>
    ${plan && html`<${PlanProposals} key=${plan.id} plan=${plan} />`}`;
}

// the plan's settings the public notice prints (POST/PATCH /plans settings, docs/notices.md)
const SETTINGS = [
  ['countyName', '县名', '公示标题中的县名，如“惠城县”；不填则写“本县”'],
  ['issuingOffice', '发布单位', '公示和公布通知的落款单位，如“惠城县教育局”'],
  ['objectionContact', '异议受理方式', '公示期内受理异议的科室、电话或地址'],
  ['noticeWorkingDays', '公示期（工作日）', '公示时不指定截止日期时的公示工作日数，通常为5个工作日（1至30）'],
  ['documentNumber', '文号', '全县公示和公布通知的文号，如“惠教人〔2027〕12号”；不填则不印文号'],
];

/** The plan's name and parameters, each explained in Chinese (GET /vocabulary parameters); saved with PATCH /plans/:id. */
function PlanEditor({ plan, vocabulary, onSaved }) {
  const params = vocabulary.parameters ?? [];
  const [msg, setMsg] = useState(null);
  const save = async (e) => {
    e.preventDefault();
    const f = e.target;
    // the parameter editor's own checks first (the definitions' bounds, options and cross-field rules), each naming its field
    const { overrides, problems } = readParameters(f, params);
    if (problems.length) {
      setMsg({ text: `参数有误，未保存：${problems.map((p) => p.text).join('；')}` });
      return;
    }
    // the notice's settings (docs/notices.md): an emptied field removes the setting
    const settings = {};
    for (const [key] of SETTINGS) {
      const raw = f.elements[`s-${key}`].value.trim();
      settings[key] = raw === '' ? null : key === 'noticeWorkingDays' ? Number(raw) : raw;
    }
    try {
      await api(`/plans/${plan.id}`, {
        method: 'PATCH',
        body: { name: f.planName.value.trim(), parameters: overrides, ...(plan.settings ? { settings } : {}) },
      });
      setMsg({ ok: `已保存方案名称和参数（改动${Object.keys(overrides).length}项），生成新方案时生效。` });
      onSaved();
    } catch (err) {
      setMsg(parameterErrorZh(err, params, overrides) ?? fail(err, 'updatePlan'));
    }
  };
  return html`<details class="plan-editor">
    <summary>方案名称与参数（${yearZh(plan.year)}）</summary>
    <form id="plan-form" novalidate onSubmit=${save}>
      <label for="plan-name">方案名称</label>
      <input id="plan-name" name="planName" maxlength="200" value=${plan.name} />
      ${
        plan.settings &&
        html`<h3>公示文件设置</h3><div class="params">${SETTINGS.map(
          ([key, zh, help]) => html`<div class="param" key=${key}>
          <label for=${`setting-${key}`}>${zh}</label>
          <input id=${`setting-${key}`} name=${`s-${key}`} value=${plan.settings[key] ?? ''} aria-describedby=${`setting-${key}-help`} inputmode=${key === 'noticeWorkingDays' ? 'numeric' : 'text'} />
          <p class="help" id=${`setting-${key}-help`}>${help}</p>
        </div>`,
        )}</div><h3>模型参数</h3>`
      }
      <${ParameterFields} defs=${params} values=${plan.effectiveParameters ?? plan.parameters ?? {}} />
      <button type="submit">保存方案</button>
    </form>
    <${Msg} msg=${msg} id="plan-form-msg" />
  </details>`;
}

function PlanProposals({ plan }) {
  const [state, reload] = useLoad(() => api(`/plans/${plan.id}/proposals`).then((r) => r.items), [plan.id]);
  const [shown, setShown] = useState(null);
  const [progress, setProgress] = useState(null);
  const [msg, setMsg] = useState(null);
  const proposals = state.data ?? [];
  const ready = proposals.filter((p) => READY.includes(p.status)).sort((a, b) => b.version - a.version);
  const closed = proposals.some((p) => p.status === 'published' || p.status === 'announced');
  const selected = ready.find((p) => p.id === shown) ?? ready.find((p) => p.status === 'published') ?? ready.find((p) => p.status === 'announced') ?? ready[0];
  const request = async () => {
    setProgress({ value: 0, text: '' });
    try {
      let p = await api(`/plans/${plan.id}/proposals`, { method: 'POST', body: {} });
      while (p.status === 'queued' || p.status === 'running') {
        setProgress({ value: percent(p.progress.fraction), text: `${percent(p.progress.fraction)}% ${labelOf(STATUS_LABEL, p.status)}`, busy: true });
        // a re-solve takes 1-2 s (issue #13): a quarter second between polls
        await new Promise((r) => setTimeout(r, 250));
        p = await api(`/proposals/${p.id}`);
      }
      const took = p.status === 'done' ? phasesText(p.stats) : '';
      setProgress({
        value: p.status === 'done' ? 100 : 0,
        text: `${labelOf(STATUS_LABEL, p.status)}${p.error ? `：${p.error}` : ''}${took ? `，${took}` : ''}`,
      });
      if (p.status === 'done') setShown(p.id);
      reload();
    } catch (err) {
      setProgress(null);
      setMsg(fail(err, 'requestProposal'));
    }
  };
  const counts = (p) => reviewCountsText(p.reviewCounts);
  return html`<section class="card" aria-labelledby="h-proposals">
      <h2 id="h-proposals">方案版本</h2>
      ${
        closed
          ? html`<p id="request-closed" class="muted">本学年方案已公示，不能再生成新方案。</p>`
          : html`<button id="request" disabled=${progress?.busy} onClick=${request}>生成新方案</button>`
      }
      ${
        progress &&
        html`<div id="progress-box"><label for="progress">计算进度</label><progress id="progress" max="100" value=${progress.value}></progress><span id="progress-text" aria-live="polite">${progress.text}</span></div>`
      }
      <${Msg} msg=${msg} />
      <div id="proposal-list">
        ${
          proposals.length
            ? html`<div class="table-wrap"><table>
              <thead><tr><th>版本</th><th>状态</th><th>调出/调入</th><th>走教</th><th>未满足规则</th><th>审核与异议</th><th>操作</th></tr></thead>
              <tbody>${proposals.map(
                (p) => html`<tr key=${p.id} class=${p.id === selected?.id ? 'current' : ''}>
                  <td>第${p.version}版</td><td class="status">${proposalStatusText(p)}${p.error ? `：${p.error}` : ''}</td>
                  <td>${p.summary ? p.summary.lines.rotation + p.summary.lines.leader_rotation : '—'}</td><td>${p.summary?.lines.itinerant ?? '—'}</td>
                  <td>${p.summary?.violations ?? '—'}</td><td class="counts">${counts(p)}</td>
                  <td>${READY.includes(p.status) && html`<button class="secondary" onClick=${() => setShown(p.id)} aria-label=${`查看第${p.version}版`}>查看</button>`}</td>
                </tr>`,
              )}</tbody></table></div>`
            : html`<p class="muted">尚无方案版本。</p>`
        }
      </div>
    </section>
    ${selected && html`<${ProposalDetail} key=${selected.id} plan=${plan} proposalId=${selected.id} others=${ready.filter((p) => p.id !== selected.id)} onChanged=${reload} />`}`;
}

function ProposalDetail({ plan, proposalId, others, onChanged }) {
  const [state, reload] = useLoad(async () => {
    const [proposal, compliance, exceptions, pins, schools, lines] = await Promise.all([
      api(`/proposals/${proposalId}`),
      api(`/proposals/${proposalId}/compliance`),
      allItems(`/proposals/${proposalId}/exceptions`),
      api(`/plans/${plan.id}/pins`),
      allItems('/schools'),
      allItems(`/proposals/${proposalId}/lines`, 5000),
    ]);
    return { proposal, compliance, exceptions, pins, schools, lines };
  }, [proposalId]);
  const [teacherId, setTeacherId] = useState(null);
  const refresh = () => {
    reload();
    onChanged();
  };
  if (state.error) return html`<${Msg} msg=${fail(state.error)} />`;
  if (!state.data) return html`<p class="muted">正在加载…</p>`;
  const { proposal, compliance, exceptions, pins, schools, lines } = state.data;
  const schoolName = Object.fromEntries(schools.map((s) => [s.id, s.name]));
  return html`<div id="detail">
    <${Compliance} compliance=${compliance} />
    <${Exceptions} proposal=${proposal} exceptions=${exceptions} onSaved=${reload} />
    <${NoticeCycle} proposal=${proposal} lines=${lines} onChanged=${refresh} />
    <${Lines} plan=${plan} proposal=${proposal} lines=${lines} pins=${pins} schools=${schools} onPins=${reload} onTeacher=${setTeacherId} />
    ${teacherId && html`<${TeacherPage} key=${teacherId} proposal=${proposal} teacherId=${teacherId} schoolName=${schoolName} onClose=${() => setTeacherId(null)} />`}
    <${Compare} proposal=${proposal} others=${others} schoolName=${schoolName} />
  </div>`;
}

const CHART_SCHOOLS = 40;
function Compliance({ compliance }) {
  const c = compliance.county;
  const shown = chartSchools(compliance.schools, CHART_SCHOOLS);
  const bars = chartBars(shown, 360);
  // H12 (issue #21): each school's share leaving this year and the subjects it is left short of
  const loss = Object.fromEntries((compliance.losses ?? []).map((l) => [l.schoolId, l]));
  const short = (id) => (loss[id]?.subjectsShort ?? []).map((x) => `${labelOf(SUBJECT_LABEL, x.subject)}缺${x.teachers}人`).join('、') || '—';
  return html`<section class="card" aria-labelledby="h-compliance">
    <h2 id="h-compliance">合规情况</h2>
    <div class="totals">
      <div>符合条件<strong>${c.eligible}</strong></div>
      <div>应交流<strong>${c.required}</strong></div>
      <div>拟交流<strong class=${c.pass ? 'pass' : 'fail'}>${c.proposed}</strong></div>
      <div>交流比例<strong>${shareText(c.share)}</strong></div>
      <div>骨干占比<strong>${shareText(c.backboneShare)}</strong></div>
    </div>
    <svg class="chart" role="img" aria-label="各派出学校应交流与拟交流人数" width="100%" viewBox=${`0 0 620 ${bars.length * 26 + 10}`}>
      ${bars.map(
        (b, i) => html`<text x="0" y=${i * 26 + 16}>${b.name.slice(0, 14)}</text>
          <rect x="200" y=${i * 26 + 4} width=${b.required} height="9" fill="#9aa5b1"><title>应交流</title></rect>
          <rect x="200" y=${i * 26 + 14} width=${b.proposed} height="9" fill=${b.pass ? '#1b6e20' : '#a61b1b'}><title>拟交流</title></rect>`,
      )}
    </svg>
    <p class="muted">灰色：应交流人数；绿色／红色：拟交流人数（达标／未达标）。${shown.length < compliance.schools.length ? `共${compliance.schools.length}所派出学校，图中显示${shown.length}所（未达标的优先），全部见下表。` : ''}</p>
    <div class="table-wrap"><table>
      <thead><tr><th>派出学校</th><th>符合条件</th><th>应交流</th><th>拟交流</th><th>骨干</th><th>达标</th><th>调出占比</th><th>调出后缺员学科</th></tr></thead>
      <tbody>${compliance.schools.map(
        (s) =>
          html`<tr key=${s.schoolId}><td>${s.schoolName}</td><td>${s.eligible}</td><td>${s.required}</td><td>${s.proposed}</td><td>${s.backbone}</td><td class=${s.pass ? 'pass' : 'fail'}>${s.pass ? '达标' : '未达标'}</td><td>${loss[s.schoolId] ? `${shareText(loss[s.schoolId].share)}（${loss[s.schoolId].leaving}/${loss[s.schoolId].teachers}）` : '—'}</td><td>${short(s.schoolId)}</td></tr>`,
      )}</tbody>
    </table></div>
    ${compliance.violations.length > 0 && html`<h3>未满足的规则</h3><ul>${compliance.violations.map((v, i) => html`<li key=${i}>${v.ruleId}：${v.messageZh}${v.remedyZh ? `。建议：${v.remedyZh}` : ''}</li>`)}</ul>`}
  </section>`;
}

// Q12: why a teacher a hard rule names is not moved (compliance exceptions)
const EXCEPTION_REASON_LABEL = {
  exempt: '按规定不参加交流',
  not_established: '非在编',
  on_leave: '长期离岗',
  window_closed: '跟岗期限已过',
  excluded: '人事股排除',
  pinned_elsewhere: '人事股另有指定',
  away: '正在外校交流',
};
const EXCEPTION_RULE_LABEL = { H4: '干部任职年限（R08）', H5: '职称农村任教经历（R11）', H6: '新教师跟岗（R16）' };

function Exceptions({ proposal, exceptions, onSaved }) {
  const [msg, setMsg] = useState(null);
  const editable = proposal.status === 'done' || proposal.status === 'announced';
  const open = exceptions.filter((e) => !e.hrReason).length;
  const save = (x) => async (e) => {
    e.preventDefault();
    try {
      await api(`/proposals/${proposal.id}/exceptions/${x.teacherId}`, { method: 'PUT', body: { rule: x.rule, reason: e.target.reason.value.trim() } });
      setMsg({ ok: '已保存说明。' });
      onSaved();
    } catch (err) {
      setMsg(fail(err));
    }
  };
  return html`<section class="card" aria-labelledby="h-exceptions">
    <h2 id="h-exceptions">例外登记（${exceptions.length}）</h2>
    <div id="exceptions">
      <p>共${exceptions.length}人，<strong class=${open ? 'fail' : 'pass'} id="exceptions-open">待说明 ${open}</strong></p>
      ${
        exceptions.length
          ? html`<ul>${exceptions.map(
              (
                e,
              ) => html`<li key=${`${e.teacherId}-${e.rule}`}>${labelOf(EXCEPTION_RULE_LABEL, e.rule)}：${e.messageZh}（${labelOf(EXCEPTION_REASON_LABEL, e.reason)}）<br />
              ${e.hrReason ? html`<span class="muted">说明：${e.hrReason.text}（${e.hrReason.by}）</span>` : html`<strong class="fail">待说明</strong>`}
              ${
                editable &&
                html`<form class="row" onSubmit=${save(e)}><input name="reason" maxlength="500" aria-label=${`${e.teacherName ?? ''}例外说明`} value=${e.hrReason?.text ?? ''} /><button type="submit" class="secondary">保存说明</button></form>`
              }
            </li>`,
            )}</ul>`
          : html`<p class="muted">无例外</p>`
      }
      <${Msg} msg=${msg} id="exception-msg" />
    </div>
  </section>`;
}

const CHANNEL_LABEL = { in_person: '当面', phone: '电话', letter: '信件', email: '电子邮件', other: '其他' };

/** 公示: announce with an end date, withdraw, the objections with their answers, publish after the period. */
function NoticeCycle({ proposal, lines, onChanged }) {
  const [msg, setMsg] = useState(null);
  const [objections, reloadObjections] = useLoad(async () => {
    try {
      return { items: await allItems(`/proposals/${proposal.id}/objections`), cycle: true };
    } catch (err) {
      // before the notice cycle (公示期) is on the service, the objections are the principals' reviews
      if (err.code !== 'ROUTE_NOT_FOUND') throw err;
      const items = await allItems(`/proposals/${proposal.id}/reviews?decision=object`);
      return { items: items.map((o) => ({ ...o, source: 'principal', lodgedBy: o.reviewer, answer: null, legacy: true })), cycle: false };
    }
  }, [proposal.id]);
  const items = objections.data?.items ?? [];
  const openCount = items.filter((o) => !o.legacy && !o.answer).length;
  const day = today();
  const notice = noticeState(proposal, day);
  const blocker = publishBlocker(proposal, proposal.reviewCounts?.openObjections ?? openCount, day);
  const act = (action, path, body, ok) => async (e) => {
    e?.preventDefault?.();
    try {
      const r = await api(path, { method: 'POST', body });
      setMsg({ ok: ok(r) });
      onChanged();
      reloadObjections();
    } catch (err) {
      setMsg(fail(err, action));
    }
  };
  const announce = (e) => {
    e.preventDefault();
    const until = e.target.until.value;
    if (!confirm(announceConfirmText(proposal, until))) return;
    return act('announce', `/proposals/${proposal.id}/announce`, until ? { noticeUntil: until } : {}, (p) => `已公示，公示期至${p.notice?.until ?? until}。`)();
  };
  const publish = async () => {
    if (!confirm(publishConfirmText(proposal))) return;
    await act('publish', `/proposals/${proposal.id}/publish`, undefined, (r) => `已发布，写入任职记录${r.records ?? ''}条。`)();
  };
  const c = proposal.reviewCounts;
  return html`<section class="card" aria-labelledby="h-notice">
    <h2 id="h-notice">公示与异议</h2>
    ${c && html`<p id="review-counts">${reviewCountsText(c)}</p>`}
    ${notice.text && html`<p id="notice-state" class=${notice.phase === 'open' ? 'notice' : 'muted'}>${notice.text}</p>`}
    ${
      (proposal.noticePeriods?.length ?? 0) > 1 &&
      html`<p id="supplement-state" class="muted">本版为更正后的名单：${proposal.noticePeriods
        .map((n, i) => `${i === proposal.noticePeriods.length - 1 ? '补充公示' : '原公示'}${n.from}至${n.until}（${n.lines}条）`)
        .join('；')}。</p>`
    }
    ${c?.upheldNotApplied > 0 && proposal.status !== 'published' && html`<${CorrectionGuide} proposal=${proposal} />`}
    ${
      proposal.status === 'done' &&
      html`<form class="row" id="announce-form" onSubmit=${announce}>
      <div><label for="notice-until">公示截止日期</label><input id="notice-until" name="until" type="date" /></div>
      <button type="submit">公示</button>
      <span class="muted">不填则按方案设置的工作日数（默认5个工作日）。</span>
    </form>`
    }
    ${
      proposal.status === 'announced' &&
      html`<button class="secondary" id="withdraw" onClick=${() =>
        confirm(withdrawConfirmText(proposal)) &&
        act('withdraw', `/proposals/${proposal.id}/withdraw`, undefined, () => '已撤回公示。下一步：在“方案版本”中生成新方案。')()}>撤回公示</button>`
    }
    ${
      proposal.status === 'published'
        ? html`<p class="pass" id="published-state">本版已发布</p>`
        : html`<button id="publish" disabled=${Boolean(blocker)} onClick=${publish} aria-describedby="publish-why">发布</button>
          <span id="publish-why" class="muted">${blocker}</span>`
    }
    <${Msg} msg=${msg} id="action-msg" />
    <h3 id="h-objections">异议（${items.length}条${openCount ? `，未答复${openCount}条` : ''}）</h3>
    ${objections.error && html`<${Msg} msg=${fail(objections.error)} />`}
    ${
      objections.loading && !objections.data
        ? html`<p class="muted">正在加载…</p>`
        : items.length
          ? html`<ul class="objections">${items.map(
              (o) =>
                html`<${Objection} key=${o.id ?? `${o.lineId}-${o.side}`} o=${o} proposal=${proposal} onAnswered=${() => {
                  reloadObjections();
                  onChanged();
                }} />`,
            )}</ul>`
          : html`<p class="muted">暂无异议</p>`
    }
    ${objections.data?.cycle && proposal.status === 'announced' && notice.phase !== 'closed' && html`<${LodgeObjection} proposal=${proposal} lines=${lines} onLodged=${reloadObjections} />`}
  </section>`;
}

/**
 * Issue #19: an upheld objection changes the list. While a line whose objection HR upheld is still in
 * this version, the steps of the correction cycle (docs/notices.md) in the order HR takes them.
 */
function CorrectionGuide({ proposal }) {
  const n = proposal.reviewCounts.upheldNotApplied;
  const step = proposal.status === 'announced' ? 1 : 2;
  return html`<div id="correction" class="notice-box" role="note">
    <p><strong>有${n}条异议已支持，名单须先更正再发布。</strong>已支持的安排已自动排除，生成新方案时不再安排。</p>
    <ol>
      <li class=${step === 1 ? 'now' : 'done'}>撤回本版公示${step === 1 ? '（当前步骤：点击下方“撤回公示”）' : '（已完成）'}</li>
      <li class=${step === 2 ? 'now' : ''}>在“方案版本”中生成新方案${step === 2 ? '（当前步骤）' : ''}</li>
      <li>公示新方案：有变化的人员补充公示，其余人员保留原公示期</li>
      <li>补充公示期满、异议全部答复后发布</li>
    </ol>
  </div>`;
}

function Objection({ o, proposal, onAnswered }) {
  const [msg, setMsg] = useState(null);
  // no answer is preselected: HR chooses 支持 or 驳回 each time (issue #19)
  const [decision, setDecision] = useState(null);
  const answer = async (e) => {
    e.preventDefault();
    const f = e.target;
    if (!decision) {
      setMsg({ text: '请选择支持或驳回' });
      return;
    }
    if (!f.reason.value.trim()) {
      setMsg({ text: '请填写答复理由' });
      return;
    }
    try {
      await api(`/proposals/${proposal.id}/objections/${o.id}/answer`, {
        method: 'POST',
        body: { decision, reason: f.reason.value.trim() },
      });
      setMsg({ ok: '已答复。' });
      onAnswered();
    } catch (err) {
      setMsg(fail(err, 'answer'));
    }
  };
  const who =
    o.source === 'teacher'
      ? `教师本人（${o.lodgedBy}经${labelOf(CHANNEL_LABEL, o.channel)}登记）`
      : `${(o.side === 'receiving' ? o.toSchoolName : o.fromSchoolName) ?? ''}校长（${labelOf(SIDE_LABEL, o.side)}学校）`;
  const id = o.id ?? o.lineId;
  return html`<li class="objection" data-objection=${id}>
    <strong>${o.teacherName}</strong> ${o.kind ? labelOf(KIND_LABEL, o.kind) : ''} ${o.fromSchoolName ? `${o.fromSchoolName} → ${o.toSchoolName}` : ''}
    <br />${who}：${o.comment}${o.carried ? '（沿用上一版）' : ''}
    ${
      o.answer
        ? html`<p class=${o.answer.decision === 'upheld' ? 'pass' : 'muted'}>${o.answer.decision === 'upheld' ? '已支持' : '已驳回'}：${o.answer.reason}（${personName(o.answer.answeredBy, '人事股')}，${when(o.answer.answeredAt)}）</p>`
        : o.legacy
          ? ''
          : html`<form class="row answer" onSubmit=${answer}>
            <fieldset class="row"><legend class="sr-only">答复</legend>
              <label class="inline"><input type="radio" name="decision" value="upheld" checked=${decision === 'upheld'} onChange=${() => setDecision('upheld')} />支持</label>
              <label class="inline"><input type="radio" name="decision" value="rejected" checked=${decision === 'rejected'} onChange=${() => setDecision('rejected')} />驳回</label>
            </fieldset>
            <input name="reason" aria-label=${`对${o.teacherName}异议的答复理由`} placeholder="答复理由" maxlength="500" />
            ${decision === 'upheld' && html`<span class="muted">支持即排除该调动：须生成新方案并补充公示后才能发布。</span>`}
            <button type="submit">答复</button>
          </form>`
    }
    <${Msg} msg=${msg} />
  </li>`;
}

/** A teacher's objection, lodged by HR with who brought it and how. */
function LodgeObjection({ proposal, lines, onLodged }) {
  const [msg, setMsg] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    const f = e.target;
    try {
      await api(`/proposals/${proposal.id}/lines/${f.line.value}/objections`, {
        method: 'POST',
        body: { comment: f.comment.value.trim(), lodgedBy: f.lodgedBy.value.trim(), channel: f.channel.value },
      });
      setMsg({ ok: '已登记教师异议。' });
      f.reset();
      onLodged();
    } catch (err) {
      setMsg(fail(err));
    }
  };
  return html`<details><summary>登记教师本人的异议</summary>
    <form class="row" onSubmit=${submit}>
      <div><label for="lodge-line">教师</label><select id="lodge-line" name="line">${sortLines(lines, 'name').map((l) => html`<option value=${l.id}>${l.teacher.name}（${l.teacher.externalId}）</option>`)}</select></div>
      <div><label for="lodge-by">提出人</label><input id="lodge-by" name="lodgedBy" required maxlength="100" /></div>
      <div><label for="lodge-channel">方式</label><select id="lodge-channel" name="channel">${Object.entries(CHANNEL_LABEL).map(([k, v]) => html`<option value=${k}>${v}</option>`)}</select></div>
      <div><label for="lodge-comment">异议内容</label><input id="lodge-comment" name="comment" required maxlength="500" /></div>
      <button type="submit">登记</button>
    </form><${Msg} msg=${msg} /></details>`;
}

const LINE_PAGE = 100;
const COLUMNS = [
  ['name', '姓名'],
  ['staffNo', '工号'],
  ['subject', '学科'],
  ['kind', '类别'],
  ['fromSchool', '派出学校'],
  ['toSchool', '接收学校'],
];

function Lines({ plan, proposal, lines, pins, schools, onPins, onTeacher }) {
  const [q, setQ] = useState('');
  const [school, setSchool] = useState('');
  const [kind, setKind] = useState('');
  const [sort, setSort] = useState({ key: 'name', order: 'asc' });
  const [offset, setOffset] = useState(0);
  const [msg, setMsg] = useState(null);
  const shown = useMemo(() => {
    const filtered = searchLines(lines, q).filter((l) => (!school || l.fromSchoolId === school || l.toSchoolId === school) && (!kind || l.kind === kind));
    return sortLines(filtered, sort.key, sort.order);
  }, [lines, q, school, kind, sort]);
  const page = shown.slice(offset, offset + LINE_PAGE);
  const pinned = new Set(pins.pin.map((p) => p.teacherId));
  const excluded = new Set(pins.exclude.map((e) => e.teacherId));
  const editable = proposal.status === 'done' || proposal.status === 'announced';
  const savePins = async (next, what) => {
    try {
      const saved = await api(`/plans/${plan.id}/pins`, { method: 'PUT', body: next });
      setMsg({ ok: `已保存：${what}。当前固定${saved.pin.length}条，排除${saved.exclude.length}人，生成新方案时生效。` });
      onPins();
    } catch (err) {
      setMsg(fail(err));
    }
  };
  const unpin = (teacherId) => ({ pin: pins.pin.filter((p) => p.teacherId !== teacherId), exclude: pins.exclude.filter((e) => e.teacherId !== teacherId) });
  const by = (key) => () => {
    setSort((s) => ({ key, order: s.key === key && s.order === 'asc' ? 'desc' : 'asc' }));
    setOffset(0);
  };
  const filter = (set, value) => {
    set(value);
    setOffset(0);
  };
  const ariaSort = (key) => (sort.key === key ? (sort.order === 'asc' ? 'ascending' : 'descending') : 'none');
  return html`<section class="card" aria-labelledby="h-lines">
    <h2 id="h-lines">交流名单</h2>
    <p class="muted">固定：下一版保留该安排；排除：下一版不安排该教师。当前固定${pins.pin.length}条，排除${pins.exclude.length}人。</p>
    <form id="line-filter" class="row" onSubmit=${(e) => e.preventDefault()}>
      <div><label for="line-q">搜索姓名或工号</label><input id="line-q" type="search" value=${q} onInput=${(e) => filter(setQ, e.target.value)} /></div>
      <div><label for="line-school">学校</label><select id="line-school" value=${school} onChange=${(e) => filter(setSchool, e.target.value)}>
        <option value="">全部学校</option>${schools.map((s) => html`<option value=${s.id}>${s.name}</option>`)}</select></div>
      <div><label for="line-kind">类别</label><select id="line-kind" value=${kind} onChange=${(e) => filter(setKind, e.target.value)}>
        <option value="">全部类别</option>${Object.entries(KIND_LABEL).map(([k, v]) => html`<option value=${k}>${v}</option>`)}</select></div>
    </form>
    <${Msg} msg=${msg} id="pin-msg" />
    <div id="line-table">
      ${
        page.length
          ? html`<div class="table-wrap"><table>
            <thead><tr>${COLUMNS.map(
              ([key, label]) =>
                html`<th aria-sort=${ariaSort(key)} class="nowrap"><button class="sort" onClick=${by(key)}>${label}${sort.key === key ? (sort.order === 'asc' ? ' ▲' : ' ▼') : ''}</button></th>`,
            )}<th>职称</th><th>任期</th><th>交流依据</th><th>操作</th></tr></thead>
            <tbody>${page.map((l) => {
              const isPinned = l.pinned || pinned.has(l.teacherId);
              const isExcluded = excluded.has(l.teacherId);
              return html`<tr key=${l.id} data-line=${l.id} class=${isExcluded ? 'excluded' : isPinned ? 'pinned' : ''}>
                <td class="nowrap"><button class="link" onClick=${() => onTeacher(l.teacherId)} aria-label=${`查看${l.teacher.name}的详情`}>${l.teacher.name}</button>
                  ${isPinned && html` <span class="badge">已固定</span>`}${isExcluded && html` <span class="badge warn">已排除</span>`}</td>
                <td class="nowrap">${l.teacher.externalId}</td>
                <td class="nowrap">${labelOf(SUBJECT_LABEL, l.teacher.subject)}</td>
                <td class="nowrap">${kindPost(l)}</td>
                <td>${l.fromSchoolName}</td>
                <td>${l.toSchoolName}${l.hoursPerWeek ? `（每周${l.hoursPerWeek}课时）` : ''}</td>
                <td class="nowrap">${labelOf(TITLE_LABEL, l.teacher.title)}</td>
                <td class="nowrap">${l.startDate}至${l.endDate}</td>
                <td class="reasons">${l.explanation}</td>
                <td class="nowrap">${
                  editable &&
                  (isPinned || isExcluded
                    ? html`<button class="secondary" onClick=${() => savePins(unpin(l.teacherId), `取消${l.teacher.name}的固定或排除`)}>取消</button>`
                    : html`<button class="secondary" aria-label=${`固定${l.teacher.name}的安排`} onClick=${() => savePins(withPin(pins, { teacherId: l.teacherId, toSchoolId: l.toSchoolId, kind: l.kind }), `固定${l.teacher.name}`)}>固定</button>
                      <button class="secondary" aria-label=${`排除${l.teacher.name}`} onClick=${() => savePins(withExclusion(pins, l.teacherId), `排除${l.teacher.name}`)}>排除</button>`)
                }</td>
              </tr>`;
            })}</tbody></table></div>`
          : html`<p class="muted">无符合条件的安排</p>`
      }
    </div>
    <div class="row">
      <button type="button" class="secondary" id="line-prev" disabled=${offset === 0} onClick=${() => setOffset(Math.max(0, offset - LINE_PAGE))}>上一页</button>
      <span id="line-page" aria-live="polite">${page.length ? `第${offset + 1}–${offset + page.length}条，共${shown.length}条` : ''}</span>
      <button type="button" class="secondary" id="line-next" disabled=${offset + LINE_PAGE >= shown.length} onClick=${() => setOffset(offset + LINE_PAGE)}>下一页</button>
    </div>
    <div class="row">
      <button class="secondary" id="export" onClick=${() => download(`/proposals/${proposal.id}/export.xlsx`, `内部名单-第${proposal.version}版.xlsx`).catch((err) => setMsg(fail(err)))}>下载内部名单（Excel）</button>
      <${NoticeLinks} proposal=${proposal} schoolId=${school} onError=${setMsg} />
    </div>
  </section>`;
}

const clockText = (v) => (v === true ? '是' : v === false ? '否' : (v ?? '—'));

/**
 * A teacher's page: GET /proposals/:id/teachers/:teacherId when the service has it; before that, the
 * same read from the teacher, the ledger and each version's lines.
 */
function TeacherPage({ proposal, teacherId, schoolName, onClose }) {
  const [state] = useLoad(async () => {
    try {
      return await api(`/proposals/${proposal.id}/teachers/${teacherId}`);
    } catch (err) {
      if (err.code !== 'ROUTE_NOT_FOUND') throw err;
      const [teacher, records, versions] = await Promise.all([
        api(`/teachers/${teacherId}`),
        allItems(`/teachers/${teacherId}/service-records`).catch(() => []),
        api(`/plans/${proposal.planId}/proposals`).then((r) => r.items.filter((p) => READY.includes(p.status))),
      ]);
      const perVersion = await Promise.all(versions.map((p) => api(`/proposals/${p.id}/lines?teacherId=${teacherId}`).then((r) => r.items[0] ?? null)));
      const line = perVersion[versions.findIndex((p) => p.id === proposal.id)] ?? null;
      return {
        teacher: { ...teacher, schoolName: schoolName[teacher.schoolId] },
        serviceRecords: records.map((r) => ({ ...r, schoolName: r.schoolName ?? schoolName[r.schoolId] })),
        clocks: null,
        versions: versions.map((p, i) => ({ proposalId: p.id, version: p.version, status: p.status, line: perVersion[i] })),
        chosen: line ? { reasons: line.reasons, explanation: line.explanation } : null,
        whyNot: null,
        colleagues: [],
      };
    }
  }, [teacherId]);
  const d = state.data;
  return html`<section class="card teacher-page" aria-labelledby="h-teacher">
    <h2 id="h-teacher">教师详情${d ? `：${d.teacher.name}` : ''}</h2>
    <button class="secondary" onClick=${onClose}>关闭</button>
    ${state.error && html`<${Msg} msg=${fail(state.error)} />`}
    ${
      d &&
      html`<p>${d.teacher.name}（工号${d.teacher.externalId}）· ${d.teacher.schoolName ?? ''} · ${(d.teacher.subjects ?? []).map((s) => labelOf(SUBJECT_LABEL, s)).join('、')} · ${labelOf(TITLE_LABEL, d.teacher.title)}${d.teacher.backbone ? ` · ${labelOf(BACKBONE_LABEL, d.teacher.backbone)}` : ''}</p>
      <h3>入选原因</h3>
      ${d.chosen ? html`<p id="teacher-chosen">${d.chosen.explanation}</p>` : html`<p class="muted">本版未安排该教师${d.whyNot?.length ? `：${d.whyNot.join('；')}` : '。'}</p>`}
      ${
        d.clocks &&
        html`<h3 id="teacher-page-clocks-head">任职年限（截至${d.clocks.asOf}）</h3><ul class="clocks" id="teacher-clocks">${Object.entries(d.clocks)
          .filter(([k, v]) => k !== 'asOf' && v && typeof v === 'object')
          .map(([k, v]) => html`<li key=${k}>${v.labelZh ?? k}：${clockText(v.value)}</li>`)}</ul>`
      }
      <h3>历次版本</h3>
      <div class="table-wrap"><table id="teacher-versions"><thead><tr><th>版本</th><th>状态</th><th>安排</th></tr></thead><tbody>
        ${d.versions.map(
          (v) => html`<tr key=${v.proposalId}><td>第${v.version}版</td><td>${labelOf(STATUS_LABEL, v.status)}</td>
            <td>${v.line ? `${kindPost(v.line)}：${v.line.fromSchoolName ?? schoolName[v.line.fromSchoolId]} → ${v.line.toSchoolName ?? schoolName[v.line.toSchoolId]}${v.line.hoursPerWeek ? `（每周${v.line.hoursPerWeek}课时）` : ''}` : '未安排'}</td></tr>`,
        )}</tbody></table></div>
      <h3>任职记录</h3>
      ${
        d.serviceRecords?.length
          ? html`<ul id="teacher-records">${d.serviceRecords.map((r, i) => html`<li key=${i}>${r.startDate} 至 ${r.endDate ?? '今'}：${r.schoolName ?? ''} ${r.kind ? labelOf(SERVICE_KIND_LABEL, r.kind) : ''}</li>`)}</ul>`
          : html`<p class="muted">无记录</p>`
      }
      ${
        d.colleagues?.length > 0 &&
        html`<h3>同校未入选的教师</h3><ul id="teacher-colleagues">${d.colleagues.map(
          (c) => html`<li key=${c.teacherId}>${c.name}（${labelOf(SUBJECT_LABEL, c.subject)}）：${(c.whyNot ?? []).join('；') || '—'}</li>`,
        )}</ul>`
      }`
    }
  </section>`;
}

function Compare({ proposal, others, schoolName }) {
  const [against, setAgainst] = useState(others[0]?.id ?? '');
  const [rows, setRows] = useState(null);
  const [msg, setMsg] = useState(null);
  if (!others.length) return null;
  const run = async () => {
    try {
      const d = await api(`/proposals/${proposal.id}/diff?against=${against}`);
      setRows({ d, rows: diffRows(d, schoolName) });
    } catch (err) {
      setMsg(fail(err));
    }
  };
  return html`<section class="card" aria-labelledby="h-compare">
    <h2 id="h-compare">版本比较</h2>
    <div class="row">
      <div><label for="diff-against">与其他版本比较</label><select id="diff-against" value=${against} onChange=${(e) => setAgainst(e.target.value)}>
        ${others.map((p) => html`<option value=${p.id}>第${p.version}版</option>`)}</select></div>
      <button id="diff" onClick=${run}>比较</button>
    </div>
    <${Msg} msg=${msg} />
    <div id="diff-out" aria-live="polite">
      ${
        rows &&
        html`<p>新增${rows.d.added.length}条，删除${rows.d.removed.length}条，调整${rows.d.changed.length}条，不变${rows.d.unchanged}条。</p>
        ${
          rows.rows.length > 0 &&
          html`<div class="table-wrap"><table><thead><tr><th>变化</th><th>姓名</th><th>类别</th><th>第${rows.d.againstVersion}版</th><th>第${rows.d.version}版</th><th>变化内容</th><th>原因</th></tr></thead>
          <tbody>${rows.rows.map((r, i) => html`<tr key=${i} data-teacher=${r.teacherId}><td>${r.change}</td><td>${r.teacherName}</td><td>${r.kind}</td><td>${r.before}</td><td>${r.after}</td><td>${r.what}</td><td>${r.cause}</td></tr>`)}</tbody></table></div>`
        }`
      }
    </div>
  </section>`;
}

render(html`<${App} />`, document.getElementById('app'));

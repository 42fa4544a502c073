// The page for principals and HR. Plain modules, no build step; the API is /api/v1 (api.md).
import {
  BACKBONE_LABEL,
  DECISION_LABEL,
  KIND_LABEL,
  PLAN_STATUS_LABEL,
  ROLE_LABEL,
  SIDE_LABEL,
  STATUS_LABEL,
  SUBJECT_LABEL,
  TITLE_LABEL,
  chartBars,
  chartSchools,
  currentProposal,
  groupForSchool,
  installVocabulary,
  percent,
  reviewLabel,
  reviewSide,
  shareText,
  withExclusion,
  withPin,
  yearsAtSchool,
} from './logic.js';

// vocabulary: the labels and calendar of GET /vocabulary, fetched once per page after the first sign-in
const state = { token: sessionStorage.getItem('token'), me: null, vocabulary: null };
const $ = (sel, root = document) => root.querySelector(sel);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

async function api(path, opts = {}) {
  const res = await fetch(`/api/v1${path}`, {
    ...opts,
    headers: { authorization: `Bearer ${state.token}`, ...(opts.body ? { 'content-type': 'application/json' } : {}) },
    body: opts.body ? JSON.stringify(opts.body) : undefined,
  });
  if (res.status === 401) {
    signOut('登录已失效，请重新登录');
    throw new Error('unauthorized');
  }
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.blob();
  if (!res.ok) throw new Error(body.message ?? `请求失败（${res.status}）`);
  return body;
}

function signOut(message = '') {
  sessionStorage.removeItem('token');
  state.token = null;
  $('#view').hidden = true;
  $('#signin').hidden = false;
  $('#who').textContent = '';
  $('#signin-error').textContent = message;
}

async function signIn(token) {
  state.token = token;
  try {
    state.me = await api('/me');
    if (!state.vocabulary) {
      state.vocabulary = await api('/vocabulary');
      installVocabulary(state.vocabulary);
    }
  } catch (err) {
    signOut(err.message === 'unauthorized' ? '令牌无效' : err.message);
    return;
  }
  sessionStorage.setItem('token', token);
  $('#signin').hidden = true;
  $('#view').hidden = false;
  const role = ROLE_LABEL[state.me.role] ?? state.me.role;
  $('#who').innerHTML = `${esc(role)}：${esc(state.me.schoolName ?? state.me.label)} <button class="secondary" id="signout">退出</button>`;
  $('#signout').addEventListener('click', () => signOut());
  const t0 = performance.now();
  if (state.me.role === 'principal') await principalView();
  else await hrView();
  document.body.dataset.renderMs = String(Math.round(performance.now() - t0));
}

async function loadCurrent() {
  const plans = (await api('/plans')).items;
  const open = plans.filter((x) => x.status !== 'archived').slice(0, 3);
  const lists = await Promise.all(open.map((p) => api(`/plans/${p.id}/proposals`)));
  const byPlan = Object.fromEntries(open.map((p, i) => [p.id, lists[i].items]));
  return { plans, byPlan, current: currentProposal(plans, byPlan) };
}

function lineRow(l, year, extra = '') {
  const subject = SUBJECT_LABEL[l.teacher.subject] ?? l.teacher.subject ?? '';
  return `<tr data-line="${l.id}">
    <td class="nowrap">${esc(l.teacher.name)}</td><td class="nowrap">${esc(subject)}</td><td class="nowrap">${esc(TITLE_LABEL[l.teacher.title] ?? '')}</td>
    <td class="nowrap">${esc(BACKBONE_LABEL[l.teacher.backbone] ?? '—')}</td><td class="hide-narrow nowrap">${yearsAtSchool(l.teacher.schoolSince, year)}年</td>
    <td>${esc(l.fromSchoolName)} → ${esc(l.toSchoolName)}${l.hoursPerWeek ? `（每周${l.hoursPerWeek}课时）` : ''}</td>
    <td class="reasons">${esc(l.explanation)}</td>${extra}</tr>`;
}
// the HR list pages through a county's lines; the chart shows the schools that need attention first
const LINE_PAGE = 100;
const CHART_SCHOOLS = 40;
const LINE_HEAD =
  '<tr><th class="nowrap">姓名</th><th class="nowrap">学科</th><th class="nowrap">职称</th><th class="nowrap">骨干</th><th class="hide-narrow nowrap">本校任教</th><th>交流去向</th><th>交流依据</th>';

// ---- principal: the school's lines, grouped, with approve / object per line
async function principalView() {
  const view = $('#view');
  const { current } = await loadCurrent();
  if (!current) {
    view.innerHTML = '<section class="card"><h2>本校交流名单</h2><p>暂无方案。</p></section>';
    return;
  }
  const { plan, proposal } = current;
  const lines = (await api(`/proposals/${proposal.id}/lines?limit=5000`)).items;
  const groups = groupForSchool(lines, state.me.schoolId);
  const section = (key, title) => {
    const list = groups[key];
    const rows = list
      .map((l) => {
        const side = reviewSide(l, state.me.schoolId);
        const mine = side ? l.review[side] : null;
        const controls =
          side && proposal.status === 'done'
            ? `<td class="review"><div aria-live="polite" class="state">${esc(reviewLabel(mine))}</div>
            <label for="c-${l.id}">意见</label><textarea id="c-${l.id}" aria-label="对${esc(l.teacher.name)}的意见">${esc(mine?.comment ?? '')}</textarea>
            <button data-act="approve" data-line="${l.id}">${esc(DECISION_LABEL.approve)}</button><button class="secondary" data-act="object" data-line="${l.id}">${esc(DECISION_LABEL.object)}</button></td>`
            : `<td>${esc(reviewLabel(mine))}</td>`;
        return lineRow(l, plan.year, controls);
      })
      .join('');
    return `<section class="card" aria-labelledby="h-${key}"><h2 id="h-${key}">${title}（${list.length}人）</h2>
      ${list.length ? `<div class="table-wrap"><table>${LINE_HEAD}<th>审核</th></tr>${rows}</table></div>` : '<p class="muted">无</p>'}</section>`;
  };
  view.innerHTML = `<section class="card"><h2>${plan.year}学年交流方案 第${proposal.version}版（${esc(STATUS_LABEL[proposal.status])}）</h2>
      <p class="muted">${esc(state.me.schoolName)}：以下为涉及本校的调入、调出、走教与跟岗名单。</p></section>
    ${section('outgoing', '调出')}${section('incoming', '调入')}${section('itinerant', '走教')}${section('shadowing', '跟岗')}`;
  // onclick, not addEventListener: #view outlives a sign-out, and a second handler would post twice
  view.onclick = async (e) => {
    const btn = e.target.closest('button[data-act]');
    if (!btn) return;
    const lineId = btn.dataset.line;
    const comment = $(`#c-${lineId}`).value.trim();
    const cell = btn.closest('td');
    if (btn.dataset.act === 'object' && !comment) {
      $('.state', cell).textContent = '提出异议须填写意见';
      $(`#c-${lineId}`).focus();
      return;
    }
    try {
      const r = await api(`/proposals/${proposal.id}/lines/${lineId}/review`, { method: 'POST', body: { decision: btn.dataset.act, comment } });
      $('.state', cell).textContent = reviewLabel(r);
    } catch (err) {
      $('.state', cell).textContent = err.message;
    }
  };
}

// ---- HR: plans, proposals with progress, compliance dashboard, objections, pins, diff, publish, export
async function hrView() {
  const view = $('#view');
  view.onclick = null;
  const { plans, byPlan, current } = await loadCurrent();
  const plan = current?.plan ?? plans[0];
  view.innerHTML = `
    <section class="card" aria-labelledby="h-plans"><h2 id="h-plans">年度方案</h2>
      <div class="row">
        <div><label for="plan-select">方案</label><select id="plan-select">${plans.map((p) => `<option value="${p.id}" ${p.id === plan?.id ? 'selected' : ''}>${p.year}学年 ${esc(p.name)}（${esc(PLAN_STATUS_LABEL[p.status] ?? p.status)}）</option>`).join('')}</select></div>
        <form id="new-plan" class="row"><div><label for="new-year">新建学年</label><input id="new-year" type="number" min="2000" max="2100" value="${new Date().getFullYear() + 1}"></div><button type="submit">新建方案</button></form>
      </div>
      <p id="plan-msg" class="error" role="alert"></p>
    </section>
    <section class="card" aria-labelledby="h-proposals"><h2 id="h-proposals">方案版本</h2>
      <button id="request">生成新方案</button><p id="request-closed" class="muted" hidden>本学年方案已公示，不能再生成新方案。</p>
      <div id="progress-box" hidden><label for="progress">计算进度</label><progress id="progress" max="100" value="0" aria-valuemin="0" aria-valuemax="100"></progress><span id="progress-text" aria-live="polite"></span></div>
      <div id="proposal-list"></div>
    </section>
    <div id="detail"></div>`;
  $('#plan-select')?.addEventListener('change', () => showPlan($('#plan-select').value));
  $('#new-plan').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api('/plans', { method: 'POST', body: { year: Number($('#new-year').value) } });
      await hrView();
    } catch (err) {
      $('#plan-msg').textContent = err.message;
    }
  });
  $('#request').addEventListener('click', () => requestProposal($('#plan-select').value));
  if (plan) await showPlan(plan.id, byPlan[plan.id]);
}

async function showPlan(planId, proposals) {
  proposals ??= (await api(`/plans/${planId}/proposals`)).items;
  const ready = proposals.filter((p) => p.status === 'done' || p.status === 'published');
  // a published plan is closed (api.md: no new proposal after 公示)
  const published = proposals.some((p) => p.status === 'published');
  $('#request').hidden = published;
  $('#request-closed').hidden = !published;
  $('#proposal-list').innerHTML = proposals.length
    ? `<div class="table-wrap"><table><tr><th>版本</th><th>状态</th><th>调出/调入</th><th>走教</th><th>未满足规则</th><th>操作</th></tr>${proposals
        .map(
          (p) => `<tr>
        <td>第${p.version}版</td><td>${esc(STATUS_LABEL[p.status])}${p.error ? `：${esc(p.error)}` : ''}</td>
        <td>${p.summary ? p.summary.lines.rotation + p.summary.lines.leader_rotation : '—'}</td><td>${p.summary?.lines.itinerant ?? '—'}</td>
        <td>${p.summary?.violations ?? '—'}</td>
        <td>${p.status === 'done' || p.status === 'published' ? `<button class="secondary" data-show="${p.id}">查看</button>` : ''}</td></tr>`,
        )
        .join('')}</table></div>`
    : '<p class="muted">尚无方案版本。</p>';
  $('#proposal-list').onclick = (e) => {
    const b = e.target.closest('button[data-show]');
    if (b) void showProposal(planId, b.dataset.show, ready);
  };
  if (ready[0]) await showProposal(planId, (ready.find((p) => p.status === 'published') ?? ready[0]).id, ready);
  else $('#detail').innerHTML = '';
}

async function requestProposal(planId) {
  const box = $('#progress-box');
  box.hidden = false;
  $('#request').disabled = true;
  try {
    let p = await api(`/plans/${planId}/proposals`, { method: 'POST', body: {} });
    while (p.status === 'queued' || p.status === 'running') {
      $('#progress').value = percent(p.progress.fraction);
      $('#progress-text').textContent = ` ${percent(p.progress.fraction)}% ${STATUS_LABEL[p.status]}`;
      await new Promise((r) => setTimeout(r, 400));
      p = await api(`/proposals/${p.id}`);
    }
    $('#progress').value = p.status === 'done' ? 100 : $('#progress').value;
    $('#progress-text').textContent = ` ${STATUS_LABEL[p.status]}${p.error ? `：${p.error}` : ''}`;
    await showPlan(planId);
  } catch (err) {
    $('#progress-text').textContent = ` ${err.message}`;
  } finally {
    $('#request').disabled = false;
  }
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

/** Every page of a list (the exceptions of a proposal are few, but a list is never cut without saying so). */
async function allItems(path) {
  const items = [];
  let cursor = null;
  do {
    const page = await api(`${path}?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** The exceptions on record, with HR's reason or a field to give it (before publishing). */
function exceptionsHtml(exceptions, editable) {
  const open = exceptions.filter((e) => !e.hrReason).length;
  const item = (e, i) => `<li>${esc(EXCEPTION_RULE_LABEL[e.rule] ?? e.rule)}：${esc(e.messageZh)}（${esc(EXCEPTION_REASON_LABEL[e.reason] ?? e.reason)}）<br>
    ${e.hrReason ? `<span class="muted">说明：${esc(e.hrReason.text)}（${esc(e.hrReason.by)}）</span>` : '<strong class="fail">待说明</strong>'}
    ${editable ? `<form class="row" data-exception="${i}"><input maxlength="500" aria-label="${esc(e.teacherName ?? '')}例外说明" value="${esc(e.hrReason?.text ?? '')}"><button type="submit" class="secondary">保存说明</button></form>` : ''}</li>`;
  return `<p>共${exceptions.length}人，<strong class="${open ? 'fail' : 'pass'}" id="exceptions-open">待说明 ${open}</strong></p>
    ${exceptions.length ? `<ul>${exceptions.map(item).join('')}</ul>` : '<p class="muted">无例外</p>'}
    <p id="exception-msg" role="status"></p>`;
}

async function showProposal(planId, proposalId, ready) {
  const [proposal, compliance, exceptions, objections, pins, schools] = await Promise.all([
    api(`/proposals/${proposalId}`),
    api(`/proposals/${proposalId}/compliance`),
    allItems(`/proposals/${proposalId}/exceptions`),
    api(`/proposals/${proposalId}/reviews?decision=object`),
    api(`/plans/${planId}/pins`),
    api('/schools?limit=1000'),
  ]);
  const c = compliance.county;
  const shown = chartSchools(compliance.schools, CHART_SCHOOLS);
  const bars = chartBars(shown, 360);
  const chart = `<svg class="chart" role="img" aria-label="各派出学校应交流与拟交流人数" width="100%" viewBox="0 0 620 ${bars.length * 26 + 10}">
    ${bars
      .map(
        (b, i) => `<text x="0" y="${i * 26 + 16}">${esc(b.name.slice(0, 14))}</text>
      <rect x="200" y="${i * 26 + 4}" width="${b.required}" height="9" fill="#9aa5b1"><title>应交流</title></rect>
      <rect x="200" y="${i * 26 + 14}" width="${b.proposed}" height="9" fill="${b.pass ? '#1b6e20' : '#a61b1b'}"><title>拟交流</title></rect>`,
      )
      .join('')}</svg>
    <p class="muted">灰色：应交流人数；绿色／红色：拟交流人数（达标／未达标）。${shown.length < compliance.schools.length ? `共${compliance.schools.length}所派出学校，图中显示${shown.length}所（未达标的优先），全部见下表。` : ''}</p>`;
  const others = ready.filter((p) => p.id !== proposalId);
  $('#detail').innerHTML = `
    <section class="card" aria-labelledby="h-compliance"><h2 id="h-compliance">第${proposal.version}版 合规情况</h2>
      <div class="totals">
        <div>符合条件教师<strong>${c.eligible}</strong></div><div>应交流<strong>${c.required}</strong></div>
        <div>拟交流<strong>${c.proposed}</strong></div><div>交流比例<strong>${shareText(c.share)}</strong></div>
        <div>骨干占比<strong>${shareText(c.backboneShare)}</strong></div>
        <div>全县<strong class="${c.pass ? 'pass' : 'fail'}">${c.pass ? '达标' : '未达标'}</strong></div>
      </div>
      <h3>各派出学校</h3>${chart}
      <div class="table-wrap"><table><tr><th>学校</th><th>符合条件</th><th>应交流</th><th>拟交流</th><th>骨干</th><th>骨干占比</th><th>结果</th></tr>
        ${compliance.schools.map((s) => `<tr><td>${esc(s.schoolName)}</td><td>${s.eligible}</td><td>${s.required}</td><td>${s.proposed}</td><td>${s.backbone}</td><td>${shareText(s.backboneShare)}</td><td class="${s.pass ? 'pass' : 'fail'}">${s.pass ? '达标' : '未达标'}</td></tr>`).join('')}</table></div>
      <h3>未满足的规则（${compliance.violations.length}）</h3>
      ${compliance.violations.length ? `<ul>${compliance.violations.map((v) => `<li>${esc(v.messageZh)}<br><span class="muted">建议：${esc(v.remedy)}</span></li>`).join('')}</ul>` : '<p class="pass">全部规则已满足</p>'}
    </section>
    <section class="card" aria-labelledby="h-exceptions"><h2 id="h-exceptions">例外登记（${exceptions.length}）</h2>
      <p class="muted">政策点名应交流、但未能按要求安排的教师（如免于交流、非在编、长期离岗、跟岗期限已过、人事股排除），须在公示前逐一说明理由。</p>
      <div id="exceptions">${exceptionsHtml(exceptions, proposal.status !== 'published')}</div>
    </section>
    <section class="card" aria-labelledby="h-objections"><h2 id="h-objections">校长异议（${objections.items.length}）</h2>
      ${objections.items.length ? `<div class="table-wrap"><table><tr><th>教师</th><th>类别</th><th>学校</th><th>意见</th><th>提出人</th></tr>${objections.items.map((o) => `<tr><td>${esc(o.teacherName)}</td><td>${esc(KIND_LABEL[o.kind])}</td><td>${esc(o.schoolName)}（${esc(SIDE_LABEL[o.side] ?? o.side)}）</td><td>${esc(o.comment)}</td><td>${esc(o.reviewer)}</td></tr>`).join('')}</table></div>` : '<p class="muted">暂无异议</p>'}
    </section>
    <section class="card" aria-labelledby="h-lines"><h2 id="h-lines">交流名单</h2>
      <p class="muted">固定：下一版保留该安排；排除：下一版不安排该教师。当前固定${pins.pin.length}条，排除${pins.exclude.length}人。</p>
      <form id="line-filter" class="row">
        <div><label for="line-school">学校</label><select id="line-school"><option value="">全部学校</option>${schools.items.map((s) => `<option value="${s.id}">${esc(s.name)}</option>`).join('')}</select></div>
        <div><label for="line-kind">类别</label><select id="line-kind"><option value="">全部类别</option>${Object.entries(KIND_LABEL)
          .map(([k, v]) => `<option value="${esc(k)}">${esc(v)}</option>`)
          .join('')}</select></div>
        <button type="submit">筛选</button>
      </form>
      <p id="pin-msg" class="error" role="alert"></p>
      <div id="line-table"></div>
      <div class="row"><button type="button" class="secondary" id="line-prev">上一页</button><span id="line-page" aria-live="polite"></span><button type="button" class="secondary" id="line-next">下一页</button></div>
    </section>
    <section class="card" aria-labelledby="h-actions"><h2 id="h-actions">比较、公示与导出</h2>
      ${others.length ? `<div class="row"><div><label for="diff-against">与其他版本比较</label><select id="diff-against">${others.map((p) => `<option value="${p.id}">第${p.version}版</option>`).join('')}</select></div><button id="diff">比较</button></div><div id="diff-out" aria-live="polite"></div>` : ''}
      <button id="export">下载公示名单（Excel）</button>
      ${proposal.status === 'done' ? '<button id="publish">公示并写入任职记录</button>' : '<span class="pass">本版已公示</span>'}
      <p id="action-msg" role="status"></p>
    </section>`;
  const lineById = new Map();
  const year = proposal.summary?.year ?? new Date().getFullYear();
  const page = { offset: 0 };
  async function loadLines() {
    const q = new URLSearchParams({ limit: String(LINE_PAGE + 1), offset: String(page.offset) });
    if ($('#line-school').value) q.set('schoolId', $('#line-school').value);
    if ($('#line-kind').value) q.set('kind', $('#line-kind').value);
    const items = (await api(`/proposals/${proposalId}/lines?${q}`)).items;
    const more = items.length > LINE_PAGE;
    const rows = items.slice(0, LINE_PAGE);
    for (const l of rows) lineById.set(l.id, l);
    $('#line-table').innerHTML = rows.length
      ? `<div class="table-wrap"><table>${LINE_HEAD}<th>操作</th></tr>${rows
          .map((l) =>
            lineRow(
              l,
              year,
              `<td>${proposal.status === 'done' ? `<button class="secondary" data-pin="${l.id}" aria-label="固定${esc(l.teacher.name)}的安排">固定</button><button class="secondary" data-exclude="${l.teacherId}" aria-label="排除${esc(l.teacher.name)}">排除</button>` : ''}</td>`,
            ),
          )
          .join('')}</table></div>`
      : '<p class="muted">无符合条件的安排</p>';
    $('#line-page').textContent = rows.length ? `第${page.offset + 1}–${page.offset + rows.length}条` : '';
    $('#line-prev').disabled = page.offset === 0;
    $('#line-next').disabled = !more;
  }
  $('#line-filter').onsubmit = (e) => {
    e.preventDefault();
    page.offset = 0;
    void loadLines();
  };
  $('#line-prev').onclick = () => {
    page.offset = Math.max(0, page.offset - LINE_PAGE);
    void loadLines();
  };
  $('#line-next').onclick = () => {
    page.offset += LINE_PAGE;
    void loadLines();
  };
  await loadLines();
  $('#h-lines').parentElement.onclick = async (e) => {
    const pinBtn = e.target.closest('button[data-pin]');
    const exBtn = e.target.closest('button[data-exclude]');
    if (!pinBtn && !exBtn) return;
    const current = await api(`/plans/${planId}/pins`);
    const l = pinBtn ? lineById.get(pinBtn.dataset.pin) : null;
    const next = l ? withPin(current, { teacherId: l.teacherId, toSchoolId: l.toSchoolId, kind: l.kind }) : withExclusion(current, exBtn.dataset.exclude);
    try {
      const saved = await api(`/plans/${planId}/pins`, { method: 'PUT', body: next });
      $('#pin-msg').textContent = `已保存：固定${saved.pin.length}条，排除${saved.exclude.length}人。生成新方案时生效。`;
    } catch (err) {
      $('#pin-msg').textContent = err.message;
    }
  };
  $('#exceptions').onsubmit = async (e) => {
    const form = e.target.closest('form[data-exception]');
    if (!form) return;
    e.preventDefault();
    const x = exceptions[Number(form.dataset.exception)];
    try {
      await api(`/proposals/${proposalId}/exceptions/${x.teacherId}`, { method: 'PUT', body: { rule: x.rule, reason: $('input', form).value.trim() } });
      const fresh = await allItems(`/proposals/${proposalId}/exceptions`);
      exceptions.splice(0, exceptions.length, ...fresh);
      $('#exceptions').innerHTML = exceptionsHtml(exceptions, true);
      $('#h-exceptions').textContent = `例外登记（${exceptions.length}）`;
      $('#exception-msg').textContent = '已保存说明。';
    } catch (err) {
      $('#exception-msg').textContent = err.message;
    }
  };
  $('#diff')?.addEventListener('click', async () => {
    const d = await api(`/proposals/${proposalId}/diff?against=${$('#diff-against').value}`);
    const item = (l) => `<li>${esc(l.teacherName)}（${esc(KIND_LABEL[l.kind])}）</li>`;
    $('#diff-out').innerHTML = `<p>新增${d.added.length}条，删除${d.removed.length}条，调整${d.changed.length}条，不变${d.unchanged}条。</p>
      ${d.added.length ? `<h3>新增</h3><ul>${d.added.map(item).join('')}</ul>` : ''}${d.removed.length ? `<h3>删除</h3><ul>${d.removed.map(item).join('')}</ul>` : ''}
      ${d.changed.length ? `<h3>调整</h3><ul>${d.changed.map((x) => item(x.after)).join('')}</ul>` : ''}`;
  });
  $('#export').addEventListener('click', async () => {
    const blob = await api(`/proposals/${proposalId}/export.xlsx`);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `公示名单-第${proposal.version}版.xlsx`;
    a.click();
    URL.revokeObjectURL(a.href);
  });
  $('#publish')?.addEventListener('click', async () => {
    if (!confirm('公示后名单将写入教师任职记录，且本学年不能再生成新方案。确定公示吗？')) return;
    try {
      const r = await api(`/proposals/${proposalId}/publish`, { method: 'POST' });
      await hrView();
      $('#plan-msg').textContent = '';
      $('#action-msg').textContent = `已公示，写入任职记录${r.records}条。`;
    } catch (err) {
      $('#action-msg').textContent = err.message;
    }
  });
}

$('#signin-form').addEventListener('submit', (e) => {
  e.preventDefault();
  void signIn($('#token').value.trim());
});
if (state.token) void signIn(state.token);

// A finished job's candidates: the ranking chart, the ranked table, one candidate's score
// breakdown (the features whose points add up to the score, each with its explanation),
// side-by-side comparison (GET …/compare) and email drafts (POST …/generate-email).
import {api} from './api.js';
import {$, featureLabel, fill, flash, h, s, scoreBand, show} from './dom.js';

const MAX_COMPARE = 20;
let current = {job: null, candidates: [], emailFor: null};

export function resetResults() {
  current = {job: null, candidates: [], emailFor: null};
  for (const id of ['breakdown-panel', 'compare-panel', 'email-panel']) show($(id), false);
  fill($('score-chart'));
  fill($('candidates-table').tBodies[0]);
  $('compare-button').disabled = true;
}

async function loadAllCandidates(jobId) {
  const all = [];
  for (let page = 1; ; page += 1) {
    const answer = await api(`/api/v1/jobs/${encodeURIComponent(jobId)}/results?page=${page}`);
    all.push(...answer.candidates);
    if (page >= (answer.last_page || 1)) return all;
  }
}

export async function renderResults(job) {
  let candidates;
  try {
    candidates = await loadAllCandidates(job.job_id);
  } catch (err) {
    if (job.status !== 'failed') flash(err.message, 'error');
    return;
  }
  current.job = job;
  current.candidates = candidates;
  renderChart(candidates);
  renderTable(candidates);
  show($('job-results'));
}

function displayName(c) {
  return c.name || (c.raw_analysis && c.raw_analysis.filename) || `Candidate ${c.id}`;
}

// A horizontal bar per candidate, best first, drawn as SVG elements (no inline style: the CSP
// forbids it; colours come from classes in style.css).
function renderChart(candidates) {
  const rowHeight = 30;
  const labelWidth = 220;
  const barWidth = 780;
  const width = labelWidth + barWidth + 50;
  const height = candidates.length * rowHeight + 24;
  const svg = s('svg', {viewBox: `0 0 ${width} ${height}`, class: 'score-chart', role: 'img',
                        'aria-label': 'Candidate scores, best first'});
  for (const tick of [0, 25, 50, 75, 100]) {
    const x = labelWidth + (barWidth * tick) / 100;
    svg.append(s('line', {x1: x, x2: x, y1: 0, y2: height - 18, class: 'grid'}),
               s('text', {x, y: height - 4, class: 'tick', 'text-anchor': 'middle'}, tick));
  }
  candidates.forEach((c, i) => {
    const y = i * rowHeight;
    const w = Math.max(1, (barWidth * Math.max(0, c.score)) / 100);
    const name = displayName(c);
    const bar = s('g', {class: `bar ${scoreBand(c.score)}`, 'data-candidate-id': c.id,
                        tabindex: 0, on: {click: () => showBreakdown(c.id),
                                          keydown: (e) => { if (e.key === 'Enter') showBreakdown(c.id); }}},
      s('title', {}, `${name}: ${c.score}/100`),
      s('text', {x: labelWidth - 8, y: y + 19, class: 'label', 'text-anchor': 'end'},
        name.length > 26 ? `${name.slice(0, 25)}…` : name),
      s('rect', {x: labelWidth, y: y + 5, width: w, height: rowHeight - 10, rx: 3}),
      s('text', {x: labelWidth + w + 6, y: y + 19, class: 'value'}, c.score));
    svg.append(bar);
  });
  fill($('score-chart'), svg);
}

function selectedIds() {
  return [...document.querySelectorAll('#candidates-table input[type=checkbox]:checked')]
      .map((box) => Number(box.value));
}

function updateCompareButton() {
  const n = selectedIds().length;
  const button = $('compare-button');
  button.disabled = n < 2 || n > MAX_COMPARE;
  button.textContent = n >= 2 ? `Compare ${n} selected` : 'Compare selected';
}

function renderTable(candidates) {
  const rows = candidates.map((c, i) => {
    const skills = (c.matched_skills || []).slice(0, 4).join(', ');
    return h('tr', {'data-candidate-id': c.id, 'data-score': c.score, class: 'candidate-row'},
      h('td', {}, h('input', {type: 'checkbox', value: c.id, 'aria-label': `Select ${displayName(c)}`,
                              on: {change: updateCompareButton}})),
      h('td', {class: 'num rank'}, i + 1),
      h('td', {}, h('div', {class: 'cand-name'}, displayName(c)),
        c.error ? h('div', {class: 'error small'}, `Unreadable: ${c.error.message}`)
                : h('div', {class: 'muted small'}, c.email || '')),
      h('td', {class: 'num'}, h('span', {class: `score-pill ${scoreBand(c.score)}`}, c.score)),
      h('td', {}, c.qualified ? h('span', {class: 'badge status-completed'}, 'qualified')
                              : h('span', {class: 'badge'}, 'not qualified')),
      h('td', {class: 'small'}, skills || '—'),
      h('td', {class: 'row-actions'},
        h('button', {type: 'button', class: 'breakdown-button', on: {click: () => showBreakdown(c.id)}}, 'Breakdown'),
        h('button', {type: 'button', class: 'email-button', on: {click: () => openEmail(c.id)}}, 'Email')));
  });
  fill($('candidates-table').tBodies[0], rows);
  updateCompareButton();
}

function byId(id) {
  return current.candidates.find((c) => c.id === id);
}

// One feature as a bar: the track is the feature's weight (its most points), the fill the
// points earned. A penalty feature (negative weight, e.g. knockouts) has a red track and its
// points, if any, are drawn in red.
function featureBar(feature, maxWeight) {
  const width = 260;
  const scale = width / Math.max(maxWeight, 1);
  const weight = feature.weight || 0;
  const penalty = weight < 0 || feature.points < 0;
  const track = Math.min(width, Math.max(2, Math.abs(weight) * scale));
  const earned = Math.min(track, Math.abs(feature.points) * scale);
  const points = Math.abs(feature.points).toFixed(1);
  const label = weight < 0 ? `${feature.points < 0 ? `−${points}` : 'no'} penalty (up to ${-weight})`
                           : `${feature.points < 0 ? '−' : ''}${points} / ${weight}`;
  return s('svg', {viewBox: `0 0 ${width + 150} 18`, class: 'feature-bar', role: 'img',
                   'aria-label': label},
    s('rect', {x: 0, y: 3, width: track, height: 12, rx: 2, class: penalty ? 'track penalty-track' : 'track'}),
    s('rect', {x: 0, y: 3, width: earned, height: 12, rx: 2, class: penalty ? 'penalty' : 'earned'}),
    s('text', {x: track + 6, y: 14, class: 'value'}, label));
}

function showBreakdown(id) {
  const c = byId(id);
  if (!c) return;
  const raw = c.raw_analysis || {};
  const features = raw.score_breakdown || [];
  const maxWeight = Math.max(...features.map((f) => f.weight || 0), 1);
  const total = features.reduce((sum, f) => sum + f.points, 0);
  const panel = $('breakdown-panel');
  const evidence = (raw.matched_skills || []).map((m) =>
    h('li', {}, h('strong', {}, m.skill), m.via ? ` (via ${m.via})` : '',
      m.years ? h('span', {class: 'muted'}, ` · ${m.years.toFixed(1)} yrs`) : '',
      m.evidence ? h('div', {class: 'evidence'}, `“${m.evidence}”`) : ''));
  const missing = (raw.missing_skills || []).map((m) =>
    h('li', {}, m.skill, h('span', {class: `badge gap-${m.severity}`}, m.severity),
      m.required ? '' : h('span', {class: 'muted'}, ' preferred')));
  fill(panel,
    h('div', {class: 'view-head'},
      h('h2', {}, `Score breakdown: ${displayName(c)}`),
      h('button', {type: 'button', class: 'link', on: {click: () => show(panel, false)}}, 'Close')),
    h('p', {class: 'summary'}, c.summary || ''),
    h('table', {class: 'table breakdown-table'},
      h('thead', {}, h('tr', {}, h('th', {}, 'Feature'), h('th', {}, 'Points'), h('th', {}, 'Why'))),
      h('tbody', {}, features.map((f) => h('tr', {'data-feature': f.name},
        h('td', {}, featureLabel(f.name)),
        h('td', {}, featureBar(f, maxWeight)),
        h('td', {class: 'small'}, f.explanation || '')))),
      h('tfoot', {}, h('tr', {}, h('th', {}, 'Total'),
        h('th', {class: 'breakdown-total'}, `${Math.round(total)} → score ${c.score}`), h('th', {})))),
    h('div', {class: 'grid-2'},
      h('div', {}, h('h3', {}, 'Strengths'), h('ul', {}, (c.strengths || []).map((x) => h('li', {}, x)))),
      h('div', {}, h('h3', {}, 'Weaknesses'), h('ul', {}, (c.weaknesses || []).map((x) => h('li', {}, x))))),
    h('div', {class: 'grid-2'},
      h('div', {}, h('h3', {}, 'Matched skills and evidence'), h('ul', {class: 'evidence-list'}, evidence)),
      h('div', {}, h('h3', {}, 'Missing skills'), missing.length ? h('ul', {}, missing) : h('p', {class: 'muted'}, 'None.'))),
    (raw.flags || []).length ? h('p', {class: 'muted'}, `Flags: ${raw.flags.join(', ')}`) : '');
  show(panel);
  panel.scrollIntoView({behavior: 'smooth', block: 'start'});
}

async function compareSelected() {
  const ids = selectedIds();
  if (ids.length < 2) return;
  const panel = $('compare-panel');
  let answer;
  try {
    answer = await api(`/api/v1/jobs/${encodeURIComponent(current.job.job_id)}/compare?ids=${ids.join(',')}`);
  } catch (err) {
    flash(err.message, 'error');
    return;
  }
  const cols = answer.candidates;
  const header = h('tr', {}, h('th', {}, ''), cols.map((c) => h('th', {class: 'num'}, c.name || `#${c.id}`)));
  const featureRows = (answer.feature_comparison || []).map((f) => h('tr', {'data-feature': f.feature},
    h('td', {}, featureLabel(f.feature)),
    cols.map((c) => {
      const points = f.points[String(c.id)];
      const leads = f.leader_id === c.id && cols.some((o) => f.points[String(o.id)] !== points);
      return h('td', {class: `num${leads ? ' leader' : ''}`}, points === undefined ? '—' : points.toFixed(1));
    })));
  const scoreRow = h('tr', {class: 'total-row'}, h('th', {}, 'Score'),
    cols.map((c) => h('th', {class: 'num'}, h('span', {class: `score-pill ${scoreBand(c.score)}`}, c.score))));
  const yearsRow = h('tr', {}, h('td', {}, 'Relevant years'),
    cols.map((c) => h('td', {class: 'num'}, c.experience_years_relevant ?? '—')));
  const skillsRow = h('tr', {}, h('td', {}, 'Skills matched / missing'),
    cols.map((c) => h('td', {class: 'num'}, `${(c.matched_skills || []).length} / ${(c.missing_skills || []).length}`)));
  fill(panel,
    h('div', {class: 'view-head'},
      h('h2', {}, `Comparing ${answer.compared_count} candidates`),
      h('button', {type: 'button', class: 'link', on: {click: () => show(panel, false)}}, 'Close')),
    h('p', {id: 'compare-summary'}, `Top: ${answer.top_candidate} (${answer.top_score}); score range ${answer.score_range} points.`),
    h('table', {class: 'table compare-table'}, h('thead', {}, header),
      h('tbody', {}, featureRows, yearsRow, skillsRow), h('tfoot', {}, scoreRow)),
    h('div', {class: 'compare-summaries'}, cols.map((c) =>
      h('div', {class: 'mini-card'}, h('h3', {}, c.name || `#${c.id}`), h('p', {class: 'small'}, c.summary || '')))));
  show(panel);
  panel.scrollIntoView({behavior: 'smooth', block: 'start'});
}

function openEmail(id) {
  const c = byId(id);
  if (!c) return;
  current.emailFor = id;
  $('email-heading').textContent = `Draft an email to ${displayName(c)}`;
  show($('email-output'), false);
  show($('email-panel'));
  $('email-panel').scrollIntoView({behavior: 'smooth', block: 'start'});
}

async function generateEmail(event) {
  event.preventDefault();
  if (!current.job || current.emailFor === null) return;
  const body = {candidate_id: current.emailFor, type: $('email-type').value, tone: $('email-tone').value};
  const company = $('email-company').value.trim();
  const notes = $('email-notes').value.trim();
  if (company) body.company_name = company;
  if (notes) body.custom_notes = notes;
  const button = $('email-generate');
  button.disabled = true;
  try {
    const answer = await api(`/api/v1/jobs/${encodeURIComponent(current.job.job_id)}/generate-email`,
                             {method: 'POST', body});
    $('email-subject').value = answer.email.subject;
    $('email-body').value = answer.email.body;
    show($('email-output'));
  } catch (err) {
    flash(err.message, 'error');
  } finally {
    button.disabled = false;
  }
}

function setup() {
  $('compare-button').addEventListener('click', compareSelected);
  $('email-form').addEventListener('submit', generateEmail);
  $('email-copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(`Subject: ${$('email-subject').value}\n\n${$('email-body').value}`);
      flash('Copied.');
    } catch {
      $('email-body').select();
    }
  });
}

setup();

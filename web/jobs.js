// Jobs: the list, the new-job form (files sent as base64 in the Jobs API's JSON) and one job's
// page, which polls GET /api/v1/jobs/{id} until the job is final and then shows the results.
import {api, fileToBase64} from './api.js';
import {$, fill, flash, formatDate, h, show} from './dom.js';
import {renderResults, resetResults} from './candidates.js';

const POLL_MS = 1000;
const MAX_FILES = 100;
let pollTimer = 0;
let pollGeneration = 0;  // bumps on every navigation so a late answer for an old page is dropped

export function stopPolling() {
  clearTimeout(pollTimer);
  pollGeneration += 1;
}

function statusBadge(status) {
  return h('span', {class: `badge status-${status}`}, status);
}

export async function renderJobList() {
  const answer = await api('/api/v1/jobs?limit=50');
  const rows = answer.jobs.map((job) => h('tr', {},
    h('td', {}, h('a', {href: `#/jobs/${encodeURIComponent(job.job_id)}`}, job.title)),
    h('td', {}, statusBadge(job.status)),
    h('td', {class: 'num'}, job.candidate_count),
    h('td', {class: 'num'}, job.summary ? job.summary.qualified_count : '—'),
    h('td', {class: 'num'}, job.summary && job.summary.top_score !== null ? job.summary.top_score : '—'),
    h('td', {}, formatDate(job.created_at))));
  fill($('jobs-table').tBodies[0], rows);
  show($('jobs-table'), rows.length > 0);
  show($('jobs-empty'), rows.length === 0);
}

export function renderNewJob() {
  $('job-title').focus();
}

function listFiles() {
  const files = [...$('job-files').files];
  fill($('job-file-list'), files.map((f) =>
    h('li', {}, f.name, h('span', {class: 'muted'}, ` ${(f.size / 1024).toFixed(1)} KB`))));
}

export function setupNewJobForm() {
  $('job-leniency').addEventListener('input', () => {
    $('job-leniency-value').textContent = $('job-leniency').value;
  });
  $('job-files').addEventListener('change', listFiles);
  $('job-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = $('job-error');
    show(error, false);
    const files = [...$('job-files').files];
    if (files.length === 0 || files.length > MAX_FILES) {
      error.textContent = `Choose between 1 and ${MAX_FILES} resume files.`;
      show(error);
      return;
    }
    const button = $('job-submit');
    button.disabled = true;
    button.textContent = 'Uploading…';
    try {
      const resumes = [];
      for (const file of files) {
        resumes.push({filename: file.name, base64: await fileToBase64(file)});
      }
      const answer = await api('/api/v1/jobs', {
        method: 'POST',
        body: {
          title: $('job-title').value.trim(),
          description: $('job-description').value.trim(),
          leniency_level: Number($('job-leniency').value),
          resumes,
        },
      });
      $('job-form').reset();
      $('job-leniency-value').textContent = '5';
      fill($('job-file-list'));
      flash(`Job accepted: screening ${resumes.length} resume${resumes.length === 1 ? '' : 's'}.`);
      location.hash = `#/jobs/${encodeURIComponent(answer.job_id)}`;
    } catch (err) {
      error.textContent = err.message;
      show(error);
    } finally {
      button.disabled = false;
      button.textContent = 'Screen resumes';
    }
  });
}

function renderStatus(job) {
  $('job-heading').textContent = job.title;
  fill($('job-status'), job.status);
  $('job-status').className = `badge status-${job.status}`;
  const total = job.candidate_count || 0;
  const done = job.processed_count || 0;
  const progress = $('job-progress');
  progress.max = Math.max(total, 1);
  progress.value = job.status === 'completed' ? progress.max : done;
  let text = `${done} of ${total} resumes screened`;
  if (job.status === 'processing' && job.estimated_completion) {
    text += ` · done by about ${formatDate(job.estimated_completion)}`;
  }
  $('job-progress-text').textContent = text;
  const summary = job.summary || {};
  const stat = (label, value) => h('div', {class: 'stat'}, h('dt', {}, label), h('dd', {}, value ?? '—'));
  fill($('job-stats'),
       stat('Candidates', summary.total_candidates),
       stat('Qualified', summary.qualified_count),
       stat('Top score', summary.top_score),
       stat('Average score', summary.average_score),
       stat('Leniency', job.leniency_level),
       stat('Created', formatDate(job.created_at)));
}

export async function renderJob(jobId) {
  const generation = pollGeneration;
  resetResults();
  show($('job-results'), false);
  const poll = async () => {
    let job;
    try {
      job = await api(`/api/v1/jobs/${encodeURIComponent(jobId)}`);
    } catch (err) {
      if (generation === pollGeneration) flash(err.message, 'error');
      return;
    }
    if (generation !== pollGeneration) return;
    renderStatus(job);
    if (job.status === 'processing' || job.status === 'queued') {
      pollTimer = setTimeout(poll, POLL_MS);
      return;
    }
    if (job.status === 'failed') {
      flash(`The job failed${job.error ? `: ${job.error}` : '.'}`, 'error');
    }
    await renderResults(job);
  };
  await poll();
}

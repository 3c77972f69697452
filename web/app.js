// The dashboard's entry: sign-in and the hash router (#/jobs, #/new, #/jobs/ID, #/account).
// Each view module exports a render function that loads its data from the API.
import {api, forgetToken, onUnauthorized, saveToken, savedToken} from './api.js';
import {$, clearFlash, clearStaleFlash, flash, show} from './dom.js';
import {renderJobList, renderNewJob, renderJob, stopPolling, setupNewJobForm} from './jobs.js';
import {renderAccount, setupAccount} from './account.js';

const VIEWS = ['signin', 'jobs', 'new', 'job', 'account'];
let identity = null;  // the answer of /api/v1/schema/validate for the signed-in token

function showView(name) {
  for (const view of VIEWS) show($(`view-${view}`), view === name);
  for (const link of document.querySelectorAll('#nav a')) {
    link.classList.toggle('active', link.dataset.view === name ||
                                    (name === 'job' && link.dataset.view === 'jobs'));
  }
}

function signedIn(answer) {
  identity = answer;
  const user = answer.user || {};
  const token = answer.token || {};
  const who = token.type === 'agent_key' ? `agent key “${token.name}”` : user.name;
  $('whoami-text').textContent = `${who} · ${user.plan || ''} plan`;
  show($('whoami'));
  show($('nav'));
}

function signOut(message) {
  stopPolling();
  forgetToken();
  identity = null;
  show($('whoami'), false);
  show($('nav'), false);
  if (message) flash(message, 'error');
  if (location.hash === '#/signin') route();
  else location.hash = '#/signin';  // hashchange calls route()
}

async function trySignIn(token) {
  // /schema/validate answers for any live token and says whose it is.
  const answer = await api('/api/v1/schema/validate', {token, signingIn: true});
  saveToken(token);
  signedIn(answer);
}

async function route() {
  stopPolling();
  const hash = location.hash || '#/jobs';
  if (!savedToken()) {
    showView('signin');
    $('signin-token').focus();
    return;
  }
  if (!identity) {
    try {
      await trySignIn(savedToken());
    } catch (err) {
      forgetToken();
      showView('signin');
      flash(`Sign in again: ${err.message}`, 'error');
      return;
    }
  }
  const job = hash.match(/^#\/jobs\/([^/]+)$/);
  try {
    if (job) {
      showView('job');
      await renderJob(decodeURIComponent(job[1]));
    } else if (hash === '#/new') {
      showView('new');
      renderNewJob();
    } else if (hash === '#/account') {
      showView('account');
      await renderAccount(identity);
    } else {
      showView('jobs');
      await renderJobList();
    }
  } catch (err) {
    flash(err.message, 'error');
  }
}

function setup() {
  $('signin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = $('signin-token').value.trim();
    const error = $('signin-error');
    show(error, false);
    try {
      await trySignIn(token);
      $('signin-token').value = '';
      clearFlash();
      if (!location.hash || location.hash === '#/signin') location.hash = '#/jobs';
      else route();
    } catch (err) {
      error.textContent = err.status === 401 ? 'That token is not valid (or was revoked).'
                                             : err.message;
      show(error);
    }
  });
  $('sign-out').addEventListener('click', () => signOut());
  onUnauthorized((message) => signOut(message || 'Your token is no longer valid. Sign in again.'));
  setupNewJobForm();
  setupAccount();
  window.addEventListener('hashchange', () => {
    clearStaleFlash();
    route();
  });
  route();
}

setup();

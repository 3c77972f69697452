// The account page: credit balance and ledger, the account's API tokens (create, revoke) and
// its agent keys. Tokens and agent keys need a user token; an agent key sees a note instead.
import {api, endSession} from './api.js';
import {$, fill, flash, formatDate, formatDollars, h, show} from './dom.js';

let identity = null;

async function renderCredits() {
  const [balance, ledger] = await Promise.all([
    api('/api/v1/credits/balance'),
    api('/api/v1/credits/transactions?limit=10'),
  ]);
  $('credits-balance').textContent = balance.formatted_balance;
  $('credits-balance').className = balance.is_low ? 'low' : '';
  $('credits-count').textContent = `(${balance.credits} credits · 1 credit = 1 resume)`;
  $('credits-note').textContent = balance.enforcement_enabled
      ? 'Jobs the balance cannot pay for are refused.'
      : 'Usage is recorded; this server does not refuse jobs for credits.';
  fill($('credits-table').tBodies[0], ledger.transactions.map((t) => h('tr', {},
    h('td', {}, formatDate(t.created_at)),
    h('td', {}, t.type),
    h('td', {}, t.description || ''),
    h('td', {class: `num ${t.credits < 0 ? 'neg' : 'pos'}`}, t.credits > 0 ? `+${t.credits}` : t.credits))));
  if (ledger.transactions.length === 0) {
    fill($('credits-table').tBodies[0], h('tr', {}, h('td', {colspan: 4, class: 'muted'}, 'No transactions yet.')));
  }
}

async function renderTokens() {
  const answer = await api('/api/v1/tokens');
  fill($('tokens-table').tBodies[0], answer.tokens.slice().reverse().map((t) => h('tr', {'data-prefix': t.prefix},
    h('td', {}, t.name, t.current ? h('span', {class: 'badge'}, 'this session') : ''),
    h('td', {}, h('code', {}, `${t.prefix}…`)),
    h('td', {}, formatDate(t.created_at)),
    h('td', {}, t.revoked ? h('span', {class: 'badge status-cancelled'}, 'revoked')
                          : h('span', {class: 'badge status-completed'}, 'active')),
    h('td', {}, t.revoked ? '' : h('button', {type: 'button', class: 'revoke-button danger',
                                              on: {click: () => revokeToken(t)}}, 'Revoke')))));
}

async function revokeToken(token) {
  const warning = token.current
      ? `Revoke “${token.name}”? It is the token this page is signed in with: you will be signed out.`
      : `Revoke “${token.name}” (${token.prefix}…)? Programs using it stop working at once.`;
  if (!confirm(warning)) return;
  try {
    await api(`/api/v1/tokens/${encodeURIComponent(token.prefix)}`, {method: 'DELETE'});
    if (token.current) {
      endSession(`Token “${token.name}” revoked: this session has ended.`);
      return;
    }
    flash(`Token “${token.name}” revoked.`);
    await renderTokens();
  } catch (err) {
    if (err.status !== 401) flash(err.message, 'error');
  }
}

async function renderAgentKeys() {
  const answer = await api('/api/v1/agent-keys');
  const rows = answer.agent_keys.map((k) => h('tr', {},
    h('td', {}, k.name),
    h('td', {}, h('code', {}, `${k.key_prefix}…`)),
    h('td', {}, (k.permissions || []).join(', ')),
    h('td', {class: 'num'}, formatDollars(k.daily_spend_limit)),
    h('td', {class: 'num'}, k.usage ? formatDollars(k.usage.spent_today) : '—'),
    h('td', {}, h('span', {class: `badge ${k.is_active ? 'status-completed' : 'status-cancelled'}`}, k.status)),
    h('td', {}, formatDate(k.last_used_at))));
  fill($('agent-keys-table').tBodies[0], rows);
  show($('agent-keys-table'), rows.length > 0);
  show($('agent-keys-empty'), rows.length === 0);
}

function userOnlyNote(cardId, what) {
  const card = $(cardId);
  for (const child of [...card.children]) if (child.tagName !== 'H2') show(child, false);
  let note = card.querySelector('.user-only');
  if (!note) {
    note = h('p', {class: 'muted user-only'}, `${what} need a user API token; this session uses an agent key.`);
    card.append(note);
  }
}

export async function renderAccount(who) {
  identity = who;
  show($('token-created'), false);
  const isAgent = identity && identity.token && identity.token.type === 'agent_key';
  const jobs = [renderCredits()];
  if (isAgent) {
    userOnlyNote('tokens-card', 'API tokens');
    userOnlyNote('agent-keys-card', 'Agent keys');
  } else {
    jobs.push(renderTokens(), renderAgentKeys());
  }
  const results = await Promise.allSettled(jobs);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) flash(failed.reason.message, 'error');
}

export function setupAccount() {
  $('token-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = $('token-name').value.trim();
    try {
      const answer = await api('/api/v1/tokens', {method: 'POST', body: {name}});
      $('token-value').textContent = answer.token;
      show($('token-created'));
      $('token-name').value = '';
      await renderTokens();
    } catch (err) {
      flash(err.message, 'error');
    }
  });
}

// The store's tables, defined once for both dialects (the words in braces are sql.h's Dialect
// types; times are milliseconds since the epoch, money is credits). Every statement is
// idempotent: opening a database creates what is missing and leaves data alone. Every opener
// applies the whole schema, so one table group's transaction may write another group's tables
// (a job's end and its webhook events). SQLite applies it at every open; PostgreSQL under an
// advisory lock and once per schema text (its digest is kept in shortlist_schemas), so a process
// starting beside busy ones never waits on their writes. Each group's file (sql_*.cc) says how
// it uses its tables.
#pragma once

namespace shortlist::store {

inline constexpr const char* kSchemaTables = R"sql(
CREATE TABLE IF NOT EXISTS accounts(id {serial}, name TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL DEFAULT '', plan TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS api_tokens(id {serial},
  account_id BIGINT NOT NULL REFERENCES accounts(id), name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL, created_at BIGINT NOT NULL,
  revoked_at BIGINT NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS api_tokens_by_account ON api_tokens(account_id, id);
CREATE INDEX IF NOT EXISTS api_tokens_by_prefix ON api_tokens(prefix);
CREATE TABLE IF NOT EXISTS jobs(id {serial}, account_id BIGINT NOT NULL REFERENCES accounts(id),
  surface TEXT NOT NULL, public_id TEXT NOT NULL DEFAULT '', title TEXT NOT NULL,
  description TEXT NOT NULL, leniency INTEGER NOT NULL, status TEXT NOT NULL,
  created_at BIGINT NOT NULL, started_at BIGINT NOT NULL DEFAULT 0,
  completed_at BIGINT NOT NULL DEFAULT 0, candidate_count INTEGER NOT NULL,
  processed_count INTEGER NOT NULL DEFAULT 0, error TEXT NOT NULL DEFAULT '',
  webhook_url TEXT NOT NULL DEFAULT '', webhook_conditions TEXT NOT NULL DEFAULT '',
  options TEXT NOT NULL DEFAULT '', claimed_by TEXT NOT NULL DEFAULT '',
  heartbeat_at BIGINT NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS jobs_by_account ON jobs(account_id, id);
CREATE INDEX IF NOT EXISTS jobs_by_status ON jobs(status, id);
CREATE INDEX IF NOT EXISTS jobs_by_public_id ON jobs(public_id);
CREATE TABLE IF NOT EXISTS job_resumes(job_id BIGINT NOT NULL REFERENCES jobs(id),
  idx INTEGER NOT NULL, filename TEXT NOT NULL, external_id TEXT NOT NULL, content TEXT NOT NULL,
  base64 TEXT NOT NULL, file_url TEXT NOT NULL, PRIMARY KEY(job_id, idx)){without_rowid};
CREATE TABLE IF NOT EXISTS candidates(job_id BIGINT NOT NULL REFERENCES jobs(id),
  idx INTEGER NOT NULL, filename TEXT NOT NULL, external_id TEXT NOT NULL, name TEXT NOT NULL,
  email TEXT NOT NULL, phone TEXT NOT NULL, linkedin_url TEXT NOT NULL, score INTEGER NOT NULL,
  qualified {bool} NOT NULL, status TEXT NOT NULL, user_notes TEXT NOT NULL,
  analysis TEXT NOT NULL, error_code TEXT NOT NULL, error_message TEXT NOT NULL,
  processed_at BIGINT NOT NULL, raw_score {real} NOT NULL DEFAULT 0,
  PRIMARY KEY(job_id, idx)){without_rowid};
CREATE TABLE IF NOT EXISTS outcomes(account_id BIGINT NOT NULL REFERENCES accounts(id),
  job_id BIGINT NOT NULL REFERENCES jobs(id), idx INTEGER NOT NULL, outcome TEXT NOT NULL,
  recorded_at BIGINT NOT NULL, PRIMARY KEY(job_id, idx)){without_rowid};
CREATE INDEX IF NOT EXISTS outcomes_by_account ON outcomes(account_id, recorded_at);
CREATE TABLE IF NOT EXISTS outcome_settings(account_id {key},
  outcome_weight {real} NOT NULL DEFAULT 1, reset_at BIGINT NOT NULL DEFAULT 0);

CREATE TABLE IF NOT EXISTS webhook_deliveries(id {serial}, public_id TEXT NOT NULL UNIQUE,
  account_id BIGINT NOT NULL, job_id BIGINT NOT NULL DEFAULT 0, url TEXT NOT NULL,
  event_type TEXT NOT NULL, body TEXT NOT NULL, dedupe_key TEXT, state TEXT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0, next_attempt_at BIGINT NOT NULL,
  last_status_code BIGINT NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '',
  lease_owner TEXT NOT NULL DEFAULT '', lease_expires_at BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, completed_at BIGINT NOT NULL DEFAULT 0);
CREATE UNIQUE INDEX IF NOT EXISTS webhook_deliveries_dedupe
  ON webhook_deliveries(account_id, dedupe_key);
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries(state, next_attempt_at);
CREATE INDEX IF NOT EXISTS webhook_deliveries_by_account ON webhook_deliveries(account_id, id);
CREATE TABLE IF NOT EXISTS webhook_attempts(delivery_id BIGINT NOT NULL, number BIGINT NOT NULL,
  started_at BIGINT NOT NULL, duration_ms BIGINT NOT NULL, status_code BIGINT NOT NULL,
  error TEXT NOT NULL, response_excerpt TEXT NOT NULL,
  PRIMARY KEY(delivery_id, number)){without_rowid};
CREATE TABLE IF NOT EXISTS webhook_secrets(account_id {key}, secret TEXT NOT NULL,
  created_at BIGINT NOT NULL, rotated_at BIGINT NOT NULL DEFAULT 0);

CREATE TABLE IF NOT EXISTS credit_balances(account_id {key}, credits BIGINT NOT NULL DEFAULT 0,
  largest_purchase_cents BIGINT NOT NULL DEFAULT 0, topup_epoch BIGINT NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS credit_ledger(id {serial}, account_id BIGINT NOT NULL,
  kind TEXT NOT NULL, credits BIGINT NOT NULL, balance_after BIGINT NOT NULL,
  description TEXT NOT NULL DEFAULT '', job_id BIGINT NOT NULL DEFAULT 0,
  agent_key_id BIGINT NOT NULL DEFAULT 0, reference TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS credit_ledger_by_account ON credit_ledger(account_id, id);
CREATE TABLE IF NOT EXISTS credit_charges(id {key}, account_id BIGINT NOT NULL,
  agent_key_id BIGINT NOT NULL DEFAULT 0, job_id BIGINT NOT NULL DEFAULT 0,
  credits BIGINT NOT NULL, refunded BIGINT NOT NULL DEFAULT 0, day TEXT NOT NULL,
  month TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS credit_charges_by_job ON credit_charges(job_id);
CREATE INDEX IF NOT EXISTS credit_charges_by_key ON credit_charges(agent_key_id, day);
CREATE TABLE IF NOT EXISTS agent_keys(id {serial}, account_id BIGINT NOT NULL,
  name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL,
  permissions TEXT NOT NULL, daily_limit BIGINT, monthly_limit BIGINT, lifetime_limit BIGINT,
  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, last_used_at BIGINT NOT NULL DEFAULT 0,
  revoked_at BIGINT NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS agent_keys_by_account ON agent_keys(account_id, id);
CREATE TABLE IF NOT EXISTS agent_key_spend(agent_key_id BIGINT NOT NULL, period TEXT NOT NULL,
  credits BIGINT NOT NULL DEFAULT 0, PRIMARY KEY(agent_key_id, period));
CREATE TABLE IF NOT EXISTS credit_payments(reference TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL, amount_cents BIGINT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS stripe_events(event_id TEXT PRIMARY KEY,
  processed_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS credit_auto_reload(account_id {key},
  enabled {bool} NOT NULL DEFAULT false, pack TEXT NOT NULL DEFAULT 'pouch',
  customer_id TEXT NOT NULL DEFAULT '', payment_method_id TEXT NOT NULL DEFAULT '',
  in_flight_since BIGINT NOT NULL DEFAULT 0, updated_at BIGINT NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS usage_webhooks(account_id {key}, url TEXT NOT NULL,
  events TEXT NOT NULL DEFAULT '', threshold_percent BIGINT NOT NULL DEFAULT 80,
  updated_at BIGINT NOT NULL);

CREATE TABLE IF NOT EXISTS idempotency_keys(account_id BIGINT NOT NULL, key TEXT NOT NULL,
  request_hash TEXT NOT NULL, state TEXT NOT NULL, status BIGINT NOT NULL DEFAULT 0,
  body TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL,
  PRIMARY KEY(account_id, key)){without_rowid};
CREATE INDEX IF NOT EXISTS idempotency_keys_by_age ON idempotency_keys(created_at);
)sql";

// Columns added after their table first shipped: a database made before gains them (older rows
// read the default; candidates rank by the unrounded score within equal scores, older rows in
// upload order).
struct AddedColumn {
  const char* table;
  const char* column;
  const char* declaration;
};
inline constexpr AddedColumn kSchemaAddedColumns[] = {
    {"jobs", "heartbeat_at", "BIGINT NOT NULL DEFAULT 0"},
    {"candidates", "raw_score", "{real} NOT NULL DEFAULT 0"},
};

// What needs the added columns, so it runs after them.
inline constexpr const char* kSchemaAfterAddedColumns = R"sql(
DROP INDEX IF EXISTS candidates_by_score;
CREATE INDEX IF NOT EXISTS candidates_by_rank ON candidates(job_id, score DESC, raw_score DESC, idx);
CREATE INDEX IF NOT EXISTS jobs_leases ON jobs(heartbeat_at) WHERE status = 'processing';
)sql";

}  // namespace shortlist::store

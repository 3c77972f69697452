// The billing tables in PostgreSQL: the twin of sqlite_billing_schema.h (see there for what each
// table holds), with BIGINT money and times and BIGSERIAL ids. Idempotent.
//
// credit_balances is also the lock of an account's money: every transaction that changes a
// balance, a charge or an agent key's spend first locks the account's row (SELECT ... FOR
// UPDATE), so "check, then write" never interleaves across server processes.
// stripe_events / credit_payments have primary keys, so INSERT ... ON CONFLICT DO NOTHING
// records an event or a payment once even when two processes apply it together.
// No foreign keys to accounts: this pool may create its tables before the main store's.
#pragma once

namespace shortlist::store {

inline constexpr const char* kPgBillingSchema = R"sql(
CREATE TABLE IF NOT EXISTS credit_balances(
  account_id BIGINT PRIMARY KEY,
  credits BIGINT NOT NULL DEFAULT 0,
  largest_purchase_cents BIGINT NOT NULL DEFAULT 0,
  topup_epoch BIGINT NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS credit_ledger(
  id BIGSERIAL PRIMARY KEY,
  account_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  credits BIGINT NOT NULL,
  balance_after BIGINT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  job_id BIGINT NOT NULL DEFAULT 0,
  agent_key_id BIGINT NOT NULL DEFAULT 0,
  reference TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS credit_ledger_by_account ON credit_ledger(account_id, id);
CREATE TABLE IF NOT EXISTS credit_charges(
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL,
  agent_key_id BIGINT NOT NULL DEFAULT 0,
  job_id BIGINT NOT NULL DEFAULT 0,
  credits BIGINT NOT NULL,
  refunded BIGINT NOT NULL DEFAULT 0,
  day TEXT NOT NULL,
  month TEXT NOT NULL,
  created_at BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS credit_charges_by_job ON credit_charges(job_id);
CREATE INDEX IF NOT EXISTS credit_charges_by_key ON credit_charges(agent_key_id, day);
CREATE TABLE IF NOT EXISTS agent_keys(
  id BIGSERIAL PRIMARY KEY,
  account_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  permissions TEXT NOT NULL,
  daily_limit BIGINT,
  monthly_limit BIGINT,
  lifetime_limit BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  last_used_at BIGINT NOT NULL DEFAULT 0,
  revoked_at BIGINT NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS agent_keys_by_account ON agent_keys(account_id, id);
CREATE TABLE IF NOT EXISTS agent_key_spend(
  agent_key_id BIGINT NOT NULL,
  period TEXT NOT NULL,
  credits BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY(agent_key_id, period));
CREATE TABLE IF NOT EXISTS credit_payments(
  reference TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL,
  amount_cents BIGINT NOT NULL,
  created_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS stripe_events(
  event_id TEXT PRIMARY KEY,
  processed_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS credit_auto_reload(
  account_id BIGINT PRIMARY KEY,
  enabled BOOLEAN NOT NULL DEFAULT false,
  pack TEXT NOT NULL DEFAULT 'pouch',
  customer_id TEXT NOT NULL DEFAULT '',
  payment_method_id TEXT NOT NULL DEFAULT '',
  in_flight_since BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS usage_webhooks(
  account_id BIGINT PRIMARY KEY,
  url TEXT NOT NULL,
  events TEXT NOT NULL DEFAULT '',
  threshold_percent BIGINT NOT NULL DEFAULT 80,
  updated_at BIGINT NOT NULL);
)sql";

}  // namespace shortlist::store

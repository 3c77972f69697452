// The billing tables (SQLite). Idempotent, like store/sqlite_schema.h, and kept in the server's
// one database file so a charge and the job it pays for can live side by side.
//
// credit_balances: one row per account that has ever had a ledger entry.
// credit_ledger: append-only; balance_after makes it a running balance.
// credit_charges: one row per charge (id = its ledger entry) with what was refunded of it and
//   the UTC day/month it counts against, so a refund gives spend back to the right period.
// agent_keys: only key hashes; limits in credits, NULL = none; revoked_at 0 = live.
// agent_key_spend: spend counters per key and period ('d:2026-11-23', 'm:2026-11', 'life'),
//   read and written inside the charge transaction, so limit checks are O(1).
// credit_payments / stripe_events: what has been credited, so nothing is credited twice.
#pragma once

namespace shortlist::store {

inline constexpr const char* kBillingSchema = R"sql(
CREATE TABLE IF NOT EXISTS credit_balances(
  account_id INTEGER PRIMARY KEY,
  credits INTEGER NOT NULL DEFAULT 0,
  largest_purchase_cents INTEGER NOT NULL DEFAULT 0,
  topup_epoch INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS credit_ledger(
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  credits INTEGER NOT NULL,
  balance_after INTEGER NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  job_id INTEGER NOT NULL DEFAULT 0,
  agent_key_id INTEGER NOT NULL DEFAULT 0,
  reference TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS credit_ledger_by_account ON credit_ledger(account_id, id);
CREATE TABLE IF NOT EXISTS credit_charges(
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL,
  agent_key_id INTEGER NOT NULL DEFAULT 0,
  job_id INTEGER NOT NULL DEFAULT 0,
  credits INTEGER NOT NULL,
  refunded INTEGER NOT NULL DEFAULT 0,
  day TEXT NOT NULL,
  month TEXT NOT NULL,
  created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS credit_charges_by_job ON credit_charges(job_id);
CREATE INDEX IF NOT EXISTS credit_charges_by_key ON credit_charges(agent_key_id, day);
CREATE TABLE IF NOT EXISTS agent_keys(
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  permissions TEXT NOT NULL,
  daily_limit INTEGER,
  monthly_limit INTEGER,
  lifetime_limit INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL DEFAULT 0,
  revoked_at INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS agent_keys_by_account ON agent_keys(account_id, id);
CREATE TABLE IF NOT EXISTS agent_key_spend(
  agent_key_id INTEGER NOT NULL,
  period TEXT NOT NULL,
  credits INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(agent_key_id, period));
CREATE TABLE IF NOT EXISTS credit_payments(
  reference TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL,
  amount_cents INTEGER NOT NULL,
  created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS stripe_events(
  event_id TEXT PRIMARY KEY,
  processed_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS credit_auto_reload(
  account_id INTEGER PRIMARY KEY,
  enabled INTEGER NOT NULL DEFAULT 0,
  pack TEXT NOT NULL DEFAULT 'pouch',
  customer_id TEXT NOT NULL DEFAULT '',
  payment_method_id TEXT NOT NULL DEFAULT '',
  in_flight_since INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS usage_webhooks(
  account_id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  events TEXT NOT NULL DEFAULT '',
  threshold_percent INTEGER NOT NULL DEFAULT 80,
  updated_at INTEGER NOT NULL);
)sql";

}  // namespace shortlist::store

// The PostgreSQL schema of the core store, the twin of sqlite_schema.h: the same tables and
// columns, so the two backends answer alike. Every statement is idempotent (IF NOT EXISTS);
// PgPool runs it under an advisory lock, so several processes may start together.
//
// Tables: accounts and api_tokens (only token hashes); jobs (the durable queue: status,
// claimed_by, heartbeat_at — the lease a live worker renews —, processed_count); job_resumes
// (every accepted resume, written with its job); candidates (one row per screened resume,
// primary key (job_id, idx) so a replayed batch never duplicates); outcomes (reported hiring
// outcomes, per account). Times are milliseconds since the epoch (BIGINT), as in SQLite.
#pragma once

namespace shortlist::store {

inline constexpr const char* kPgSchema = R"sql(
CREATE TABLE IF NOT EXISTS accounts(
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL DEFAULT '',
  plan TEXT NOT NULL,
  created_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS api_tokens(
  id BIGSERIAL PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS api_tokens_by_account ON api_tokens(account_id, id);
CREATE INDEX IF NOT EXISTS api_tokens_by_prefix ON api_tokens(prefix);
CREATE TABLE IF NOT EXISTS jobs(
  id BIGSERIAL PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  surface TEXT NOT NULL,
  public_id TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  leniency INTEGER NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  started_at BIGINT NOT NULL DEFAULT 0,
  completed_at BIGINT NOT NULL DEFAULT 0,
  candidate_count INTEGER NOT NULL,
  processed_count INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  webhook_url TEXT NOT NULL DEFAULT '',
  webhook_conditions TEXT NOT NULL DEFAULT '',
  options TEXT NOT NULL DEFAULT '',
  claimed_by TEXT NOT NULL DEFAULT '',
  heartbeat_at BIGINT NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS jobs_by_account ON jobs(account_id, id);
CREATE INDEX IF NOT EXISTS jobs_by_status ON jobs(status, id);
CREATE INDEX IF NOT EXISTS jobs_by_public_id ON jobs(public_id);
CREATE INDEX IF NOT EXISTS jobs_leases ON jobs(heartbeat_at) WHERE status = 'processing';
CREATE TABLE IF NOT EXISTS job_resumes(
  job_id BIGINT NOT NULL REFERENCES jobs(id),
  idx INTEGER NOT NULL,
  filename TEXT NOT NULL,
  external_id TEXT NOT NULL,
  content TEXT NOT NULL,
  base64 TEXT NOT NULL,
  file_url TEXT NOT NULL,
  PRIMARY KEY(job_id, idx));
CREATE TABLE IF NOT EXISTS candidates(
  job_id BIGINT NOT NULL REFERENCES jobs(id),
  idx INTEGER NOT NULL,
  filename TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  linkedin_url TEXT NOT NULL,
  score INTEGER NOT NULL,
  qualified BOOLEAN NOT NULL,
  status TEXT NOT NULL,
  user_notes TEXT NOT NULL,
  analysis TEXT NOT NULL,
  error_code TEXT NOT NULL,
  error_message TEXT NOT NULL,
  processed_at BIGINT NOT NULL,
  raw_score DOUBLE PRECISION NOT NULL DEFAULT 0,
  PRIMARY KEY(job_id, idx));
-- Databases made before raw_score: add it (older rows read 0 and keep upload order).
ALTER TABLE candidates ADD COLUMN IF NOT EXISTS raw_score DOUBLE PRECISION NOT NULL DEFAULT 0;
DROP INDEX IF EXISTS candidates_by_score;
CREATE INDEX IF NOT EXISTS candidates_by_rank ON candidates(job_id, score DESC, raw_score DESC, idx);
CREATE TABLE IF NOT EXISTS outcomes(
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  job_id BIGINT NOT NULL REFERENCES jobs(id),
  idx INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  recorded_at BIGINT NOT NULL,
  PRIMARY KEY(job_id, idx));
CREATE INDEX IF NOT EXISTS outcomes_by_account ON outcomes(account_id, recorded_at);
)sql";

}  // namespace shortlist::store

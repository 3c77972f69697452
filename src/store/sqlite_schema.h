// The SQLite schema. Every statement is idempotent (IF NOT EXISTS), so opening a database
// creates what is missing and leaves existing data alone.
//
// Tables: accounts and api_tokens (only token hashes); jobs (the durable queue: status,
// claimed_by, processed_count); job_resumes (every accepted resume, written with its job);
// candidates (one row per screened resume, primary key (job_id, idx) so a replayed batch never
// duplicates); outcomes (reported hiring outcomes, per account).
#pragma once

namespace shortlist::store {

inline constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS accounts(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL DEFAULT '',
  plan TEXT NOT NULL,
  created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS api_tokens(
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS jobs(
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  surface TEXT NOT NULL,
  public_id TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  leniency INTEGER NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  started_at INTEGER NOT NULL DEFAULT 0,
  completed_at INTEGER NOT NULL DEFAULT 0,
  candidate_count INTEGER NOT NULL,
  processed_count INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  webhook_url TEXT NOT NULL DEFAULT '',
  webhook_conditions TEXT NOT NULL DEFAULT '',
  options TEXT NOT NULL DEFAULT '',
  claimed_by TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS jobs_by_account ON jobs(account_id, id);
CREATE INDEX IF NOT EXISTS jobs_by_status ON jobs(status, id);
CREATE INDEX IF NOT EXISTS jobs_by_public_id ON jobs(public_id);
CREATE TABLE IF NOT EXISTS job_resumes(
  job_id INTEGER NOT NULL REFERENCES jobs(id),
  idx INTEGER NOT NULL,
  filename TEXT NOT NULL,
  external_id TEXT NOT NULL,
  content TEXT NOT NULL,
  base64 TEXT NOT NULL,
  file_url TEXT NOT NULL,
  PRIMARY KEY(job_id, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS candidates(
  job_id INTEGER NOT NULL REFERENCES jobs(id),
  idx INTEGER NOT NULL,
  filename TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  linkedin_url TEXT NOT NULL,
  score INTEGER NOT NULL,
  qualified INTEGER NOT NULL,
  status TEXT NOT NULL,
  user_notes TEXT NOT NULL,
  analysis TEXT NOT NULL,
  error_code TEXT NOT NULL,
  error_message TEXT NOT NULL,
  processed_at INTEGER NOT NULL,
  raw_score REAL NOT NULL DEFAULT 0,
  PRIMARY KEY(job_id, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outcomes(
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  job_id INTEGER NOT NULL REFERENCES jobs(id),
  idx INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY(job_id, idx)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS outcomes_by_account ON outcomes(account_id, recorded_at);
)sql";

}  // namespace shortlist::store

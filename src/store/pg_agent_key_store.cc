// Agent keys of the PostgreSQL BillingStore: their rows (only SHA-256 hashes of the keys), their
// authentication, and their spend as the charges in pg_billing_ledger.cc recorded it. A change of
// a key (update, rotate) locks the key's row first, so a concurrent revoke cannot slip between
// the "still live?" check and the write.
#include <utility>

#include "common/crypto.h"
#include "store/pg_billing_store_impl.h"

namespace shortlist::store::pg_billing {

using model::Account;
using model::ParsePlan;
using model::Plan;
namespace {

constexpr std::int64_t kLastUsedGranularityMs = 60 * 1000;

std::optional<std::int64_t> OptInt(const PgResult& r, int row, int col) {
  if (r.IsNull(row, col)) return std::nullopt;
  return r.Int(row, col);
}

void AddOpt(PgParams& p, const std::optional<std::int64_t>& v) {
  if (v) {
    p.Add(*v);
  } else {
    p.AddNull();
  }
}

std::int64_t ReadSpend(PgConnection& db, std::int64_t key_id, const std::string& period) {
  auto r = db.Query("SELECT credits FROM agent_key_spend WHERE agent_key_id = $1 AND period = $2",
                    PgParams().Add(key_id).Add(period));
  return r.empty() ? 0 : r.Int(0, 0);
}

}  // namespace

Error NotFound(const std::string& what) { return Error::Make("not_found", what + " not found"); }

std::string JoinComma(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += ',';
    out += s;
  }
  return out;
}

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

AgentKeyRecord ReadKey(const PgResult& r, int row) {
  AgentKeyRecord k;
  k.id = r.Int(row, 0);
  k.account_id = r.Int(row, 1);
  k.name = r.Text(row, 2);
  k.prefix = r.Text(row, 3);
  k.permissions = SplitComma(r.Text(row, 4));
  k.limits.daily = OptInt(r, row, 5);
  k.limits.monthly = OptInt(r, row, 6);
  k.limits.lifetime = OptInt(r, row, 7);
  k.created_at_ms = r.Int(row, 8);
  k.updated_at_ms = r.Int(row, 9);
  k.last_used_at_ms = r.Int(row, 10);
  k.revoked_at_ms = r.Int(row, 11);
  k.revoked = k.revoked_at_ms != 0;
  return k;
}

AgentKeySpend ReadKeySpend(PgConnection& db, std::int64_t key_id, std::int64_t now_ms) {
  AgentKeySpend s;
  s.today = ReadSpend(db, key_id, "d:" + UtcDay(now_ms));
  s.this_month = ReadSpend(db, key_id, "m:" + UtcMonth(now_ms));
  s.lifetime = ReadSpend(db, key_id, "life");
  auto r = db.Query(
      "SELECT COUNT(*) FILTER (WHERE refunded < credits), COALESCE(SUM(credits - refunded), 0) "
      "FROM credit_charges WHERE agent_key_id = $1",
      PgParams().Add(key_id));
  if (!r.empty()) {
    s.jobs = r.Int(0, 0);
    s.candidates = r.Int(0, 1);
  }
  return s;
}

Result<AgentKeyRecord> ReadKeyOf(PgConnection& db, std::int64_t account_id, std::int64_t key_id,
                                 bool for_update) {
  auto r = db.Query(std::string("SELECT ") + kKeyColumns +
                        " FROM agent_keys WHERE id = $1 AND account_id = $2" +
                        (for_update ? " FOR UPDATE" : ""),
                    PgParams().Add(key_id).Add(account_id));
  if (r.empty()) return NotFound("Agent key");
  return ReadKey(r, 0);
}

Result<AgentKeyRecord> PgBillingStore::CreateAgentKey(const AgentKeyRecord& k,
                                                      const std::string& key_hash) {
  return pool_.Run([&](PgConnection& db) -> Result<AgentKeyRecord> {
    PgParams p;
    p.Add(k.account_id).Add(k.name).Add(key_hash).Add(k.prefix).Add(JoinComma(k.permissions));
    AddOpt(p, k.limits.daily);
    AddOpt(p, k.limits.monthly);
    AddOpt(p, k.limits.lifetime);
    p.Add(k.created_at_ms);
    auto r = db.Query(
        "INSERT INTO agent_keys(account_id, name, key_hash, prefix, permissions, daily_limit, "
        "monthly_limit, lifetime_limit, created_at, updated_at) "
        "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
        p);
    AgentKeyRecord out = k;
    out.id = r.Int(0, 0);
    out.updated_at_ms = k.created_at_ms;
    return out;
  });
}

Result<AgentKeyRecord> PgBillingStore::GetAgentKey(std::int64_t account_id, std::int64_t key_id) {
  return pool_.Run([&](PgConnection& db) { return ReadKeyOf(db, account_id, key_id); });
}

Result<std::vector<AgentKeyRecord>> PgBillingStore::ListAgentKeys(std::int64_t account_id) {
  return pool_.Run([&](PgConnection& db) -> Result<std::vector<AgentKeyRecord>> {
    auto r = db.Query(std::string("SELECT ") + kKeyColumns +
                          " FROM agent_keys WHERE account_id = $1 ORDER BY id DESC",
                      PgParams().Add(account_id));
    std::vector<AgentKeyRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(ReadKey(r, i));
    return out;
  });
}

Result<AgentKeyRecord> PgBillingStore::UpdateAgentKey(const AgentKeyRecord& k,
                                                      std::int64_t now_ms) {
  return pool_.Run([&](PgConnection& db) -> Result<AgentKeyRecord> {
    PgTransaction tx(db);
    auto current = ReadKeyOf(db, k.account_id, k.id, /*for_update=*/true);
    if (!current.ok()) return current.error();
    if (current->revoked) return Error::Make("conflict", "This agent key has been revoked.");
    PgParams p;
    p.Add(k.name).Add(JoinComma(k.permissions));
    AddOpt(p, k.limits.daily);
    AddOpt(p, k.limits.monthly);
    AddOpt(p, k.limits.lifetime);
    p.Add(now_ms).Add(k.id);
    db.Query(
        "UPDATE agent_keys SET name = $1, permissions = $2, daily_limit = $3, "
        "monthly_limit = $4, lifetime_limit = $5, updated_at = $6 WHERE id = $7",
        p);
    auto updated = ReadKeyOf(db, k.account_id, k.id);
    tx.Commit();
    return updated;
  });
}

Result<AgentKeyRecord> PgBillingStore::RotateAgentKey(std::int64_t account_id, std::int64_t key_id,
                                                      const std::string& new_hash,
                                                      const std::string& new_prefix,
                                                      std::int64_t now_ms) {
  return pool_.Run([&](PgConnection& db) -> Result<AgentKeyRecord> {
    PgTransaction tx(db);
    auto current = ReadKeyOf(db, account_id, key_id, /*for_update=*/true);
    if (!current.ok()) return current.error();
    if (current->revoked) return Error::Make("conflict", "This agent key has been revoked.");
    db.Query("UPDATE agent_keys SET key_hash = $1, prefix = $2, updated_at = $3 WHERE id = $4",
             PgParams().Add(new_hash).Add(new_prefix).Add(now_ms).Add(key_id));
    auto updated = ReadKeyOf(db, account_id, key_id);
    tx.Commit();
    return updated;
  });
}

Result<AgentKeyRecord> PgBillingStore::RevokeAgentKey(std::int64_t account_id, std::int64_t key_id,
                                                      std::int64_t now_ms) {
  return pool_.Run([&](PgConnection& db) -> Result<AgentKeyRecord> {
    PgTransaction tx(db);
    db.Query(
        "UPDATE agent_keys SET revoked_at = $1, updated_at = $1 "
        "WHERE id = $2 AND account_id = $3 AND revoked_at = 0",
        PgParams().Add(now_ms).Add(key_id).Add(account_id));
    auto updated = ReadKeyOf(db, account_id, key_id);
    tx.Commit();
    return updated;
  });
}

Result<std::pair<Account, AgentKeyRecord>> PgBillingStore::AuthenticateAgentKey(
    const std::string& key_hash, std::int64_t now_ms) {
  return pool_.Run([&](PgConnection& db) -> Result<std::pair<Account, AgentKeyRecord>> {
    std::pair<Account, AgentKeyRecord> out;
    // accounts is the main store's table (pg_schema.h), in the same database.
    auto r = db.Query(
        "SELECT k.id, k.account_id, k.name, k.prefix, k.permissions, k.daily_limit, "
        "k.monthly_limit, k.lifetime_limit, k.created_at, k.updated_at, k.last_used_at, "
        "k.revoked_at, k.key_hash, a.name, a.email, a.plan, a.created_at FROM agent_keys k "
        "JOIN accounts a ON a.id = k.account_id WHERE k.key_hash = $1 AND k.revoked_at = 0",
        PgParams().Add(key_hash));
    if (r.empty() || !ConstantTimeEquals(r.Text(0, 12), key_hash)) return NotFound("agent key");
    out.second = ReadKey(r, 0);
    out.first.id = out.second.account_id;
    out.first.name = r.Text(0, 13);
    out.first.email = r.Text(0, 14);
    out.first.plan = ParsePlan(r.Text(0, 15)).value_or(Plan::kStandard);
    out.first.created_at_ms = r.Int(0, 16);
    if (now_ms - out.second.last_used_at_ms >= kLastUsedGranularityMs) {
      // Not in a transaction: a lost update of a "last used" time is harmless.
      db.Query("UPDATE agent_keys SET last_used_at = $1 WHERE id = $2",
               PgParams().Add(now_ms).Add(out.second.id));
      out.second.last_used_at_ms = now_ms;
    }
    return out;
  });
}

Result<AgentKeySpend> PgBillingStore::GetAgentKeySpend(std::int64_t key_id, std::int64_t now_ms) {
  return pool_.Run(
      [&](PgConnection& db) -> Result<AgentKeySpend> { return ReadKeySpend(db, key_id, now_ms); });
}

Result<std::vector<DailyUsage>> PgBillingStore::ListAgentKeyDailyUsage(
    std::int64_t key_id, const std::string& since_day) {
  return pool_.Run([&](PgConnection& db) -> Result<std::vector<DailyUsage>> {
    auto r = db.Query(
        "SELECT day, SUM(credits - refunded), COUNT(*) FILTER (WHERE refunded < credits) "
        "FROM credit_charges WHERE agent_key_id = $1 AND day >= $2 GROUP BY day ORDER BY day",
        PgParams().Add(key_id).Add(since_day));
    std::vector<DailyUsage> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back(DailyUsage{r.Text(i, 0), r.Int(i, 1), r.Int(i, 2)});
    }
    return out;
  });
}

}  // namespace shortlist::store::pg_billing

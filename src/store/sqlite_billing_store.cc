// SQLite implementation of BillingStore.
//
// Concurrency: every method that changes money runs in one SqliteTransaction (BEGIN IMMEDIATE),
// which takes the database write lock before the first read. A charge therefore reads the
// balance and the key's spend, decides, and writes with no other writer in between, in this
// process or any other: that is what makes "never overdraw" hold under concurrent jobs.
#include <algorithm>
#include <utility>

#include "billing/charge_policy.h"
#include "common/crypto.h"
#include "store/billing_store.h"
#include "store/sqlite_billing_schema.h"
#include "store/sqlite_db.h"
#include "store/sqlite_pool.h"

namespace shortlist::store {

using model::Account;
using model::ParsePlan;
using model::Plan;

namespace {

constexpr const char* kKeyColumns =
    "id, account_id, name, prefix, permissions, daily_limit, monthly_limit, lifetime_limit, "
    "created_at, updated_at, last_used_at, revoked_at";
constexpr const char* kLedgerColumns =
    "id, account_id, kind, credits, balance_after, description, job_id, agent_key_id, "
    "reference, created_at";
constexpr std::int64_t kLastUsedGranularityMs = 60 * 1000;

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

std::optional<std::int64_t> OptInt(const SqliteStmt& st, int col) {
  if (st.IsNull(col)) return std::nullopt;
  return st.Int(col);
}

void BindOpt(SqliteStmt& st, int i, const std::optional<std::int64_t>& v) {
  if (v) {
    st.Bind(i, *v);
  } else {
    st.BindNull(i);
  }
}

AgentKeyRecord ReadKey(const SqliteStmt& st) {
  AgentKeyRecord k;
  k.id = st.Int(0);
  k.account_id = st.Int(1);
  k.name = st.Text(2);
  k.prefix = st.Text(3);
  k.permissions = SplitComma(st.Text(4));
  k.limits.daily = OptInt(st, 5);
  k.limits.monthly = OptInt(st, 6);
  k.limits.lifetime = OptInt(st, 7);
  k.created_at_ms = st.Int(8);
  k.updated_at_ms = st.Int(9);
  k.last_used_at_ms = st.Int(10);
  k.revoked_at_ms = st.Int(11);
  k.revoked = k.revoked_at_ms != 0;
  return k;
}

LedgerEntry ReadEntry(const SqliteStmt& st) {
  LedgerEntry e;
  e.id = st.Int(0);
  e.account_id = st.Int(1);
  e.kind = st.Text(2);
  e.credits = st.Int(3);
  e.balance_after = st.Int(4);
  e.description = st.Text(5);
  e.job_id = st.Int(6);
  e.agent_key_id = st.Int(7);
  e.reference = st.Text(8);
  e.created_at_ms = st.Int(9);
  return e;
}

CreditBalance ReadBalance(SqliteDb& db, std::int64_t account_id) {
  auto st = db.Prepare(
      "SELECT credits, largest_purchase_cents, topup_epoch FROM credit_balances "
      "WHERE account_id = ?");
  st.Bind(1, account_id);
  CreditBalance b;
  if (st.Step()) {
    b.credits = st.Int(0);
    b.largest_purchase_cents = st.Int(1);
    b.topup_epoch = st.Int(2);
  }
  return b;
}

void AddToBalance(SqliteDb& db, std::int64_t account_id, std::int64_t delta) {
  auto st = db.Prepare(
      "INSERT INTO credit_balances(account_id, credits) VALUES(?, ?) "
      "ON CONFLICT(account_id) DO UPDATE SET credits = credits + excluded.credits");
  st.Bind(1, account_id).Bind(2, delta).Run();
}

std::int64_t AppendLedger(SqliteDb& db, const LedgerEntry& e) {
  auto st = db.Prepare(
      "INSERT INTO credit_ledger(account_id, kind, credits, balance_after, description, job_id, "
      "agent_key_id, reference, created_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.Bind(1, e.account_id).Bind(2, e.kind).Bind(3, e.credits).Bind(4, e.balance_after);
  st.Bind(5, e.description).Bind(6, e.job_id).Bind(7, e.agent_key_id).Bind(8, e.reference);
  st.Bind(9, e.created_at_ms).Run();
  return db.LastInsertId();
}

std::int64_t ReadSpend(SqliteDb& db, std::int64_t key_id, const std::string& period) {
  auto st = db.Prepare("SELECT credits FROM agent_key_spend WHERE agent_key_id = ? AND period = ?");
  st.Bind(1, key_id).Bind(2, period);
  return st.Step() ? st.Int(0) : 0;
}

void AddSpend(SqliteDb& db, std::int64_t key_id, const std::string& period, std::int64_t delta) {
  auto st = db.Prepare(
      "INSERT INTO agent_key_spend(agent_key_id, period, credits) VALUES(?, ?, ?) "
      "ON CONFLICT(agent_key_id, period) DO UPDATE SET credits = credits + excluded.credits");
  st.Bind(1, key_id).Bind(2, period).Bind(3, delta).Run();
}

AgentKeySpend ReadKeySpend(SqliteDb& db, std::int64_t key_id, std::int64_t now_ms) {
  AgentKeySpend s;
  s.today = ReadSpend(db, key_id, "d:" + UtcDay(now_ms));
  s.this_month = ReadSpend(db, key_id, "m:" + UtcMonth(now_ms));
  s.lifetime = ReadSpend(db, key_id, "life");
  auto st = db.Prepare(
      "SELECT COUNT(*) FILTER (WHERE refunded < credits), COALESCE(SUM(credits - refunded), 0) "
      "FROM credit_charges WHERE agent_key_id = ?");
  st.Bind(1, key_id);
  if (st.Step()) {
    s.jobs = st.Int(0);
    s.candidates = st.Int(1);
  }
  return s;
}

struct ChargeRow {
  std::int64_t id = 0, account_id = 0, agent_key_id = 0, job_id = 0, credits = 0, refunded = 0;
  std::string day, month;
};

// Gives back up to `credits` of one charge; returns what was given back.
std::int64_t RefundOne(SqliteDb& db, const ChargeRow& c, std::int64_t credits,
                       const std::string& reason, std::int64_t now_ms) {
  std::int64_t take = std::min(credits, c.credits - c.refunded);
  if (take <= 0) return 0;
  {
    auto st = db.Prepare("UPDATE credit_charges SET refunded = refunded + ? WHERE id = ?");
    st.Bind(1, take).Bind(2, c.id).Run();
  }
  if (c.agent_key_id != 0) {
    AddSpend(db, c.agent_key_id, "d:" + c.day, -take);
    AddSpend(db, c.agent_key_id, "m:" + c.month, -take);
    AddSpend(db, c.agent_key_id, "life", -take);
  }
  AddToBalance(db, c.account_id, take);
  LedgerEntry e;
  e.account_id = c.account_id;
  e.kind = "refund";
  e.credits = take;
  e.balance_after = ReadBalance(db, c.account_id).credits;
  e.description = reason;
  e.job_id = c.job_id;
  e.agent_key_id = c.agent_key_id;
  e.reference = "charge:" + std::to_string(c.id);
  e.created_at_ms = now_ms;
  AppendLedger(db, e);
  return take;
}

std::vector<ChargeRow> ReadCharges(SqliteDb& db, const char* where, std::int64_t id) {
  auto st = db.Prepare(std::string("SELECT id, account_id, agent_key_id, job_id, credits, "
                                   "refunded, day, month FROM credit_charges WHERE ") +
                       where + " ORDER BY id");
  st.Bind(1, id);
  std::vector<ChargeRow> rows;
  while (st.Step()) {
    rows.push_back(ChargeRow{st.Int(0), st.Int(1), st.Int(2), st.Int(3), st.Int(4), st.Int(5),
                             st.Text(6), st.Text(7)});
  }
  return rows;
}

class SqliteBillingStore : public BillingStore {
 public:
  explicit SqliteBillingStore(std::string path) : pool_(std::move(path), kBillingSchema) {}

  Result<CreditBalance> GetBalance(std::int64_t account_id) override {
    return pool_.Run(
        [&](SqliteDb& db) -> Result<CreditBalance> { return ReadBalance(db, account_id); });
  }

  Result<ChargeOutcome> Charge(const ChargeRequest& r) override {
    return pool_.Run([&](SqliteDb& db) -> Result<ChargeOutcome> {
      using Refusal = ChargeOutcome::Refusal;
      SqliteTransaction tx(db);
      ChargeOutcome out;
      const std::string day = UtcDay(r.now_ms), month = UtcMonth(r.now_ms);
      billing::ChargeFacts facts{r.credits, r.enforce_balance, 0, {}, {}, {}};
      if (r.agent_key_id != 0) {
        auto st = db.Prepare(std::string("SELECT ") + kKeyColumns +
                             " FROM agent_keys WHERE id = ? AND account_id = ? AND revoked_at = 0");
        st.Bind(1, r.agent_key_id).Bind(2, r.account_id);
        if (!st.Step()) return NotFound("agent key");
        AgentKeyRecord key = ReadKey(st);
        out.agent_key_name = key.name;
        out.limits = key.limits;
        out.spend_before = ReadKeySpend(db, r.agent_key_id, r.now_ms);
        facts.daily = {key.limits.daily, out.spend_before.today};
        facts.monthly = {key.limits.monthly, out.spend_before.this_month};
        facts.lifetime = {key.limits.lifetime, out.spend_before.lifetime};
      }
      out.balance_before = ReadBalance(db, r.account_id);
      facts.balance = out.balance_before.credits;
      out.refusal = billing::DecideCharge(facts);
      out.balance_after = out.balance_before.credits;
      out.spend_after = out.spend_before;
      if (out.refusal != Refusal::kNone) return out;  // the transaction rolls back: no write

      AddToBalance(db, r.account_id, -r.credits);
      out.balance_after = out.balance_before.credits - r.credits;
      LedgerEntry e;
      e.account_id = r.account_id;
      e.kind = "charge";
      e.credits = -r.credits;
      e.balance_after = out.balance_after;
      e.description = r.description;
      e.agent_key_id = r.agent_key_id;
      e.created_at_ms = r.now_ms;
      out.entry_id = AppendLedger(db, e);
      {
        auto st = db.Prepare(
            "INSERT INTO credit_charges(id, account_id, agent_key_id, credits, day, month, "
            "created_at) VALUES(?, ?, ?, ?, ?, ?, ?)");
        st.Bind(1, out.entry_id).Bind(2, r.account_id).Bind(3, r.agent_key_id);
        st.Bind(4, r.credits).Bind(5, day).Bind(6, month).Bind(7, r.now_ms).Run();
      }
      if (r.agent_key_id != 0) {
        AddSpend(db, r.agent_key_id, "d:" + day, r.credits);
        AddSpend(db, r.agent_key_id, "m:" + month, r.credits);
        AddSpend(db, r.agent_key_id, "life", r.credits);
        out.spend_after.today += r.credits;
        out.spend_after.this_month += r.credits;
        out.spend_after.lifetime += r.credits;
        out.spend_after.jobs += 1;
        out.spend_after.candidates += r.credits;
      }
      tx.Commit();
      return out;
    });
  }

  Status AttachJob(std::int64_t charge_id, std::int64_t job_id) override {
    return pool_.Run([&](SqliteDb& db) -> Status {
      SqliteTransaction tx(db);
      auto st = db.Prepare("UPDATE credit_charges SET job_id = ? WHERE id = ?");
      st.Bind(1, job_id).Bind(2, charge_id).Run();
      if (db.Changes() == 0) return NotFound("charge");
      auto ledger = db.Prepare("UPDATE credit_ledger SET job_id = ? WHERE id = ?");
      ledger.Bind(1, job_id).Bind(2, charge_id).Run();
      tx.Commit();
      return OkStatus();
    });
  }

  Result<RefundOutcome> RefundJob(std::int64_t job_id, std::int64_t credits,
                                  const std::string& reason, std::int64_t now_ms) override {
    return pool_.Run([&](SqliteDb& db) -> Result<RefundOutcome> {
      SqliteTransaction tx(db);
      auto charges = ReadCharges(db, "job_id = ?", job_id);
      if (job_id == 0 || charges.empty()) return NotFound("charge for job");
      RefundOutcome out;
      out.account_id = charges.front().account_id;
      std::int64_t left = credits;
      for (const auto& c : charges) {
        if (left <= 0) break;
        std::int64_t took = RefundOne(db, c, left, reason, now_ms);
        left -= took;
        out.credits += took;
      }
      out.balance_after = ReadBalance(db, out.account_id).credits;
      tx.Commit();
      return out;
    });
  }

  Result<RefundOutcome> RefundCharge(std::int64_t charge_id, const std::string& reason,
                                     std::int64_t now_ms) override {
    return pool_.Run([&](SqliteDb& db) -> Result<RefundOutcome> {
      SqliteTransaction tx(db);
      auto charges = ReadCharges(db, "id = ?", charge_id);
      if (charges.empty()) return NotFound("charge");
      RefundOutcome out;
      out.account_id = charges.front().account_id;
      out.credits = RefundOne(db, charges.front(), charges.front().credits, reason, now_ms);
      out.balance_after = ReadBalance(db, out.account_id).credits;
      tx.Commit();
      return out;
    });
  }

  Result<CreditOutcome> AddCredits(const CreditRequest& r) override {
    return pool_.Run([&](SqliteDb& db) -> Result<CreditOutcome> {
      SqliteTransaction tx(db);
      CreditOutcome out;
      if (!r.stripe_event_id.empty()) {
        auto st =
            db.Prepare("INSERT OR IGNORE INTO stripe_events(event_id, processed_at) VALUES(?, ?)");
        st.Bind(1, r.stripe_event_id).Bind(2, r.now_ms).Run();
        if (db.Changes() == 0) {
          out.balance_after = ReadBalance(db, r.account_id).credits;
          return out;
        }
      }
      if (!r.reference.empty()) {
        auto st = db.Prepare(
            "INSERT OR IGNORE INTO credit_payments(reference, account_id, amount_cents, "
            "created_at) VALUES(?, ?, ?, ?)");
        st.Bind(1, r.reference).Bind(2, r.account_id).Bind(3, r.amount_cents).Bind(4, r.now_ms);
        st.Run();
        if (db.Changes() == 0) {
          // Paid once already (say by the synchronous answer before this webhook): keep the
          // event recorded, credit nothing.
          out.balance_after = ReadBalance(db, r.account_id).credits;
          tx.Commit();
          return out;
        }
      }
      std::int64_t balance = ReadBalance(db, r.account_id).credits;
      std::int64_t last_id = 0;
      for (const auto& line : r.lines) {
        AddToBalance(db, r.account_id, line.credits);
        balance += line.credits;
        LedgerEntry e;
        e.account_id = r.account_id;
        e.kind = line.kind;
        e.credits = line.credits;
        e.balance_after = balance;
        e.description = line.description;
        e.reference = r.reference;
        e.created_at_ms = r.now_ms;
        last_id = AppendLedger(db, e);
      }
      if (last_id != 0) {
        auto st = db.Prepare(
            "UPDATE credit_balances SET topup_epoch = ?, "
            "largest_purchase_cents = MAX(largest_purchase_cents, ?) WHERE account_id = ?");
        st.Bind(1, last_id).Bind(2, r.amount_cents).Bind(3, r.account_id).Run();
      }
      tx.Commit();
      out.applied = true;
      out.balance_after = balance;
      return out;
    });
  }

  Result<std::vector<LedgerEntry>> ListLedger(std::int64_t account_id, const LedgerFilter& f,
                                              int* total) override {
    return pool_.Run([&](SqliteDb& db) -> Result<std::vector<LedgerEntry>> {
      const std::string where =
          " FROM credit_ledger WHERE account_id = ?1 AND (?2 = '' OR kind = ?2) "
          "AND (?3 = 0 OR agent_key_id = ?3)";
      if (total) {
        auto st = db.Prepare("SELECT COUNT(*)" + where);
        st.Bind(1, account_id).Bind(2, f.kind).Bind(3, f.agent_key_id);
        st.Step();
        *total = static_cast<int>(st.Int(0));
      }
      auto st = db.Prepare(std::string("SELECT ") + kLedgerColumns + where +
                           " ORDER BY id DESC LIMIT ?4 OFFSET ?5");
      st.Bind(1, account_id).Bind(2, f.kind).Bind(3, f.agent_key_id).Bind(4, f.limit);
      st.Bind(5, f.offset);
      std::vector<LedgerEntry> out;
      while (st.Step()) out.push_back(ReadEntry(st));
      return out;
    });
  }

  Result<AgentKeyRecord> CreateAgentKey(const AgentKeyRecord& k,
                                        const std::string& key_hash) override {
    return pool_.Run([&](SqliteDb& db) -> Result<AgentKeyRecord> {
      auto st = db.Prepare(
          "INSERT INTO agent_keys(account_id, name, key_hash, prefix, permissions, daily_limit, "
          "monthly_limit, lifetime_limit, created_at, updated_at) "
          "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      st.Bind(1, k.account_id).Bind(2, k.name).Bind(3, key_hash).Bind(4, k.prefix);
      st.Bind(5, JoinComma(k.permissions));
      BindOpt(st, 6, k.limits.daily);
      BindOpt(st, 7, k.limits.monthly);
      BindOpt(st, 8, k.limits.lifetime);
      st.Bind(9, k.created_at_ms).Bind(10, k.created_at_ms).Run();
      AgentKeyRecord out = k;
      out.id = db.LastInsertId();
      out.updated_at_ms = k.created_at_ms;
      return out;
    });
  }

  Result<AgentKeyRecord> GetAgentKey(std::int64_t account_id, std::int64_t key_id) override {
    return pool_.Run([&](SqliteDb& db) { return ReadKeyOf(db, account_id, key_id); });
  }

  Result<std::vector<AgentKeyRecord>> ListAgentKeys(std::int64_t account_id) override {
    return pool_.Run([&](SqliteDb& db) -> Result<std::vector<AgentKeyRecord>> {
      auto st = db.Prepare(std::string("SELECT ") + kKeyColumns +
                           " FROM agent_keys WHERE account_id = ? ORDER BY id DESC");
      st.Bind(1, account_id);
      std::vector<AgentKeyRecord> out;
      while (st.Step()) out.push_back(ReadKey(st));
      return out;
    });
  }

  Result<AgentKeyRecord> UpdateAgentKey(const AgentKeyRecord& k, std::int64_t now_ms) override {
    return pool_.Run([&](SqliteDb& db) -> Result<AgentKeyRecord> {
      SqliteTransaction tx(db);
      auto current = ReadKeyOf(db, k.account_id, k.id);
      if (!current.ok()) return current.error();
      if (current->revoked) return Error::Make("conflict", "This agent key has been revoked.");
      auto st = db.Prepare(
          "UPDATE agent_keys SET name = ?, permissions = ?, daily_limit = ?, monthly_limit = ?, "
          "lifetime_limit = ?, updated_at = ? WHERE id = ?");
      st.Bind(1, k.name).Bind(2, JoinComma(k.permissions));
      BindOpt(st, 3, k.limits.daily);
      BindOpt(st, 4, k.limits.monthly);
      BindOpt(st, 5, k.limits.lifetime);
      st.Bind(6, now_ms).Bind(7, k.id).Run();
      auto updated = ReadKeyOf(db, k.account_id, k.id);
      tx.Commit();
      return updated;
    });
  }

  Result<AgentKeyRecord> RotateAgentKey(std::int64_t account_id, std::int64_t key_id,
                                        const std::string& new_hash, const std::string& new_prefix,
                                        std::int64_t now_ms) override {
    return pool_.Run([&](SqliteDb& db) -> Result<AgentKeyRecord> {
      SqliteTransaction tx(db);
      auto current = ReadKeyOf(db, account_id, key_id);
      if (!current.ok()) return current.error();
      if (current->revoked) return Error::Make("conflict", "This agent key has been revoked.");
      auto st =
          db.Prepare("UPDATE agent_keys SET key_hash = ?, prefix = ?, updated_at = ? WHERE id = ?");
      st.Bind(1, new_hash).Bind(2, new_prefix).Bind(3, now_ms).Bind(4, key_id).Run();
      auto updated = ReadKeyOf(db, account_id, key_id);
      tx.Commit();
      return updated;
    });
  }

  Result<AgentKeyRecord> RevokeAgentKey(std::int64_t account_id, std::int64_t key_id,
                                        std::int64_t now_ms) override {
    return pool_.Run([&](SqliteDb& db) -> Result<AgentKeyRecord> {
      SqliteTransaction tx(db);
      auto st = db.Prepare(
          "UPDATE agent_keys SET revoked_at = ?, updated_at = ? "
          "WHERE id = ? AND account_id = ? AND revoked_at = 0");
      st.Bind(1, now_ms).Bind(2, now_ms).Bind(3, key_id).Bind(4, account_id).Run();
      auto updated = ReadKeyOf(db, account_id, key_id);
      tx.Commit();
      return updated;
    });
  }

  Result<std::pair<Account, AgentKeyRecord>> AuthenticateAgentKey(const std::string& key_hash,
                                                                  std::int64_t now_ms) override {
    return pool_.Run([&](SqliteDb& db) -> Result<std::pair<Account, AgentKeyRecord>> {
      std::pair<Account, AgentKeyRecord> out;
      {
        auto st = db.Prepare(
            std::string("SELECT k.id, k.account_id, k.name, k.prefix, k.permissions, "
                        "k.daily_limit, k.monthly_limit, k.lifetime_limit, k.created_at, "
                        "k.updated_at, k.last_used_at, k.revoked_at, k.key_hash, a.name, "
                        "a.email, a.plan, a.created_at FROM agent_keys k JOIN accounts a ON "
                        "a.id = k.account_id WHERE k.key_hash = ? AND k.revoked_at = 0"));
        st.Bind(1, key_hash);
        if (!st.Step() || !ConstantTimeEquals(st.Text(12), key_hash)) {
          return NotFound("agent key");
        }
        out.second = ReadKey(st);
        out.first.id = out.second.account_id;
        out.first.name = st.Text(13);
        out.first.email = st.Text(14);
        out.first.plan = ParsePlan(st.Text(15)).value_or(Plan::kStandard);
        out.first.created_at_ms = st.Int(16);
      }
      if (now_ms - out.second.last_used_at_ms >= kLastUsedGranularityMs) {
        // Not in a transaction: a lost update of a "last used" time is harmless.
        auto st = db.Prepare("UPDATE agent_keys SET last_used_at = ? WHERE id = ?");
        st.Bind(1, now_ms).Bind(2, out.second.id).Run();
        out.second.last_used_at_ms = now_ms;
      }
      return out;
    });
  }

  Result<AgentKeySpend> GetAgentKeySpend(std::int64_t key_id, std::int64_t now_ms) override {
    return pool_.Run(
        [&](SqliteDb& db) -> Result<AgentKeySpend> { return ReadKeySpend(db, key_id, now_ms); });
  }

  Result<std::vector<DailyUsage>> ListAgentKeyDailyUsage(std::int64_t key_id,
                                                         const std::string& since_day) override {
    return pool_.Run([&](SqliteDb& db) -> Result<std::vector<DailyUsage>> {
      auto st = db.Prepare(
          "SELECT day, SUM(credits - refunded), COUNT(*) FILTER (WHERE refunded < credits) "
          "FROM credit_charges WHERE agent_key_id = ? AND day >= ? GROUP BY day ORDER BY day");
      st.Bind(1, key_id).Bind(2, since_day);
      std::vector<DailyUsage> out;
      while (st.Step()) out.push_back(DailyUsage{st.Text(0), st.Int(1), st.Int(2)});
      return out;
    });
  }

  Result<AutoReloadSettings> GetAutoReload(std::int64_t account_id) override {
    return pool_.Run([&](SqliteDb& db) -> Result<AutoReloadSettings> {
      auto st = db.Prepare(
          "SELECT enabled, pack, customer_id, payment_method_id, in_flight_since, updated_at "
          "FROM credit_auto_reload WHERE account_id = ?");
      st.Bind(1, account_id);
      AutoReloadSettings s;
      if (st.Step()) {
        s.enabled = st.Int(0) != 0;
        s.pack = st.Text(1);
        s.stripe_customer_id = st.Text(2);
        s.stripe_payment_method_id = st.Text(3);
        s.in_flight_since_ms = st.Int(4);
        s.updated_at_ms = st.Int(5);
      }
      return s;
    });
  }

  Status SetAutoReload(std::int64_t account_id, bool enabled, const std::string& pack,
                       std::int64_t now_ms) override {
    return pool_.Run([&](SqliteDb& db) -> Status {
      auto st = db.Prepare(
          "INSERT INTO credit_auto_reload(account_id, enabled, pack, updated_at) "
          "VALUES(?, ?, ?, ?) ON CONFLICT(account_id) DO UPDATE SET enabled = excluded.enabled, "
          "pack = excluded.pack, updated_at = excluded.updated_at");
      st.Bind(1, account_id).Bind(2, enabled ? 1 : 0).Bind(3, pack).Bind(4, now_ms).Run();
      return OkStatus();
    });
  }

  Status SaveReloadPaymentMethod(std::int64_t account_id, const std::string& customer_id,
                                 const std::string& payment_method_id,
                                 std::int64_t now_ms) override {
    return pool_.Run([&](SqliteDb& db) -> Status {
      auto st = db.Prepare(
          "INSERT INTO credit_auto_reload(account_id, customer_id, payment_method_id, "
          "updated_at) VALUES(?, ?, ?, ?) ON CONFLICT(account_id) DO UPDATE SET "
          "customer_id = excluded.customer_id, payment_method_id = excluded.payment_method_id, "
          "updated_at = excluded.updated_at");
      st.Bind(1, account_id).Bind(2, customer_id).Bind(3, payment_method_id).Bind(4, now_ms);
      st.Run();
      return OkStatus();
    });
  }

  Result<bool> ClaimReload(std::int64_t account_id, std::int64_t threshold_credits,
                           std::int64_t stale_before_ms, std::int64_t now_ms) override {
    return pool_.Run([&](SqliteDb& db) -> Result<bool> {
      SqliteTransaction tx(db);
      if (ReadBalance(db, account_id).credits >= threshold_credits) return false;
      auto st = db.Prepare(
          "UPDATE credit_auto_reload SET in_flight_since = ? WHERE account_id = ? AND "
          "enabled = 1 AND payment_method_id != '' AND customer_id != '' AND "
          "in_flight_since < ?");
      st.Bind(1, now_ms).Bind(2, account_id).Bind(3, stale_before_ms).Run();
      bool claimed = db.Changes() > 0;
      tx.Commit();
      return claimed;
    });
  }

  Status SettleReload(std::int64_t account_id) override {
    return pool_.Run([&](SqliteDb& db) -> Status {
      auto st =
          db.Prepare("UPDATE credit_auto_reload SET in_flight_since = 0 WHERE account_id = ?");
      st.Bind(1, account_id).Run();
      return OkStatus();
    });
  }

  Result<bool> RecordStripeEvent(const std::string& event_id, std::int64_t now_ms) override {
    return pool_.Run([&](SqliteDb& db) -> Result<bool> {
      auto st =
          db.Prepare("INSERT OR IGNORE INTO stripe_events(event_id, processed_at) VALUES(?, ?)");
      st.Bind(1, event_id).Bind(2, now_ms).Run();
      return db.Changes() > 0;
    });
  }

  Result<UsageWebhookConfig> GetUsageWebhook(std::int64_t account_id) override {
    return pool_.Run([&](SqliteDb& db) -> Result<UsageWebhookConfig> {
      auto st = db.Prepare(
          "SELECT url, events, threshold_percent, updated_at FROM usage_webhooks "
          "WHERE account_id = ?");
      st.Bind(1, account_id);
      UsageWebhookConfig c;
      if (st.Step()) {
        c.url = st.Text(0);
        c.events = SplitComma(st.Text(1));
        c.threshold_percent = static_cast<int>(st.Int(2));
        c.updated_at_ms = st.Int(3);
      }
      return c;
    });
  }

  Status SetUsageWebhook(std::int64_t account_id, const UsageWebhookConfig& c) override {
    return pool_.Run([&](SqliteDb& db) -> Status {
      auto st = db.Prepare(
          "INSERT INTO usage_webhooks(account_id, url, events, threshold_percent, updated_at) "
          "VALUES(?, ?, ?, ?, ?) ON CONFLICT(account_id) DO UPDATE SET url = excluded.url, "
          "events = excluded.events, threshold_percent = excluded.threshold_percent, "
          "updated_at = excluded.updated_at");
      st.Bind(1, account_id).Bind(2, c.url).Bind(3, JoinComma(c.events));
      st.Bind(4, c.threshold_percent).Bind(5, c.updated_at_ms).Run();
      return OkStatus();
    });
  }

 private:
  static Result<AgentKeyRecord> ReadKeyOf(SqliteDb& db, std::int64_t account_id,
                                          std::int64_t key_id) {
    auto st = db.Prepare(std::string("SELECT ") + kKeyColumns +
                         " FROM agent_keys WHERE id = ? AND account_id = ?");
    st.Bind(1, key_id).Bind(2, account_id);
    if (!st.Step()) return NotFound("Agent key");
    return ReadKey(st);
  }

  SqlitePool pool_;
};

}  // namespace

Result<std::unique_ptr<BillingStore>> OpenSqliteBillingStore(const std::string& path) {
  try {
    return std::unique_ptr<BillingStore>(std::make_unique<SqliteBillingStore>(path));
  } catch (const SqliteError& e) {
    return Error::Make("storage", std::string("cannot open billing tables: ") + e.what());
  }
}

}  // namespace shortlist::store

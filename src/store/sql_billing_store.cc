// BillingStore over store/sql.h, the same code on SQLite and PostgreSQL.
//
// Concurrency: a transaction that changes an account's money locks the account's
// credit_balances row first (LockBalance: created if missing, then SELECT ... FOR UPDATE; on
// SQLite the database's write lock, taken by BEGIN IMMEDIATE), and only then reads the balance,
// an agent key's spend or a charge's refunded amount. Every writer of those takes the same lock,
// so within one account "read, decide, write" runs one transaction at a time in every process,
// and concurrent charges never overdraw the balance or a key's limits (a key belongs to one
// account). Only that one row lock is waited for after other work, so there is no lock-order
// cycle: AddCredits records the Stripe event and the payment before it, and no transaction
// holding a balance lock touches those tables.
#include <algorithm>
#include <utility>

#include "billing/charge_policy.h"
#include "common/crypto.h"
#include "store/tables.h"

namespace shortlist::store {

using sql::Intent;

namespace {

#define SHORTLIST_KEY_COLUMNS                                                               \
  "id, account_id, name, prefix, permissions, daily_limit, monthly_limit, lifetime_limit, " \
  "created_at, updated_at, last_used_at, revoked_at"
#define SHORTLIST_LEDGER_WHERE                                                                 \
  " FROM credit_ledger WHERE account_id = $1 AND (CAST($2 AS TEXT) = '' OR kind = CAST($2 AS " \
  "TEXT)) AND (CAST($3 AS BIGINT) = 0 OR agent_key_id = CAST($3 AS BIGINT))"
#define SHORTLIST_CHARGE_ROWS                                                        \
  "SELECT id, account_id, agent_key_id, job_id, credits, refunded, day, month FROM " \
  "credit_charges "
#define SHORTLIST_BALANCE \
  "SELECT credits, largest_purchase_cents, topup_epoch FROM credit_balances WHERE account_id = $1"

constexpr const char* kBalance = SHORTLIST_BALANCE;
constexpr const char* kLockBalance = SHORTLIST_BALANCE " FOR UPDATE";
constexpr const char* kEnsureBalance =
    "INSERT INTO credit_balances(account_id) VALUES($1) ON CONFLICT (account_id) DO NOTHING";
constexpr const char* kAddToBalance =
    "UPDATE credit_balances SET credits = credits + $2 WHERE account_id = $1";
constexpr const char* kAppendLedger =
    "INSERT INTO credit_ledger(account_id, kind, credits, balance_after, description, job_id, "
    "agent_key_id, reference, created_at) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
constexpr const char* kCountLedger = "SELECT COUNT(*)" SHORTLIST_LEDGER_WHERE;
constexpr const char* kListLedger =
    "SELECT id, account_id, kind, credits, balance_after, description, job_id, agent_key_id, "
    "reference, created_at" SHORTLIST_LEDGER_WHERE " ORDER BY id DESC LIMIT $4 OFFSET $5";
constexpr const char* kInsertCharge =
    "INSERT INTO credit_charges(id, account_id, agent_key_id, credits, day, month, created_at) "
    "VALUES($1, $2, $3, $4, $5, $6, $7)";
constexpr const char* kAttachCharge = "UPDATE credit_charges SET job_id = $1 WHERE id = $2";
constexpr const char* kAttachLedger = "UPDATE credit_ledger SET job_id = $1 WHERE id = $2";
constexpr const char* kChargesOfJob = SHORTLIST_CHARGE_ROWS "WHERE job_id = $1 ORDER BY id";
constexpr const char* kChargeById = SHORTLIST_CHARGE_ROWS "WHERE id = $1";
constexpr const char* kRefundCharge =
    "UPDATE credit_charges SET refunded = refunded + $1 WHERE id = $2";
constexpr const char* kRecordStripeEvent =
    "INSERT INTO stripe_events(event_id, processed_at) VALUES($1, $2) "
    "ON CONFLICT (event_id) DO NOTHING";
constexpr const char* kRecordPayment =
    "INSERT INTO credit_payments(reference, account_id, amount_cents, created_at) "
    "VALUES($1, $2, $3, $4) ON CONFLICT (reference) DO NOTHING";
constexpr const char* kMarkTopUp =
    "UPDATE credit_balances SET topup_epoch = $1, largest_purchase_cents = CASE WHEN "
    "largest_purchase_cents > $2 THEN largest_purchase_cents ELSE $2 END WHERE account_id = $3";

constexpr const char* kCreateKey =
    "INSERT INTO agent_keys(account_id, name, key_hash, prefix, permissions, daily_limit, "
    "monthly_limit, lifetime_limit, created_at, updated_at) "
    "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id";
constexpr const char* kGetKey =
    "SELECT " SHORTLIST_KEY_COLUMNS " FROM agent_keys WHERE id = $1 AND account_id = $2";
// Locks the key's row, so a concurrent revoke cannot slip between "still live?" and the write.
constexpr const char* kLockKey =
    "SELECT " SHORTLIST_KEY_COLUMNS " FROM agent_keys WHERE id = $1 AND account_id = $2 FOR UPDATE";
constexpr const char* kGetLiveKey = "SELECT " SHORTLIST_KEY_COLUMNS
                                    " FROM agent_keys WHERE id = $1 AND account_id = $2 AND "
                                    "revoked_at = 0";
constexpr const char* kListKeys =
    "SELECT " SHORTLIST_KEY_COLUMNS " FROM agent_keys WHERE account_id = $1 ORDER BY id DESC";
constexpr const char* kUpdateKey =
    "UPDATE agent_keys SET name = $1, permissions = $2, daily_limit = $3, monthly_limit = $4, "
    "lifetime_limit = $5, updated_at = $6 WHERE id = $7";
constexpr const char* kRotateKey =
    "UPDATE agent_keys SET key_hash = $1, prefix = $2, updated_at = $3 WHERE id = $4";
constexpr const char* kRevokeKey =
    "UPDATE agent_keys SET revoked_at = $1, updated_at = $1 WHERE id = $2 AND account_id = $3 "
    "AND revoked_at = 0";
constexpr const char* kFindLiveKey =
    "SELECT k.id, k.account_id, k.name, k.prefix, k.permissions, k.daily_limit, "
    "k.monthly_limit, k.lifetime_limit, k.created_at, k.updated_at, k.last_used_at, "
    "k.revoked_at, a.id, a.name, a.email, a.plan, a.created_at, k.key_hash FROM agent_keys k "
    "JOIN accounts a ON a.id = k.account_id WHERE k.key_hash = $1 AND k.revoked_at = 0";
constexpr const char* kTouchKey = "UPDATE agent_keys SET last_used_at = $1 WHERE id = $2";
constexpr const char* kKeySpend =
    "SELECT credits FROM agent_key_spend WHERE agent_key_id = $1 AND period = $2";
constexpr const char* kKeyCharges =
    "SELECT COUNT(*) FILTER (WHERE refunded < credits), COALESCE(SUM(credits - refunded), 0) "
    "FROM credit_charges WHERE agent_key_id = $1";
constexpr const char* kAddKeySpend =
    "INSERT INTO agent_key_spend(agent_key_id, period, credits) VALUES($1, $2, $3) "
    "ON CONFLICT (agent_key_id, period) DO UPDATE "
    "SET credits = agent_key_spend.credits + excluded.credits";
constexpr const char* kDailyUsage =
    "SELECT day, SUM(credits - refunded), COUNT(*) FILTER (WHERE refunded < credits) "
    "FROM credit_charges WHERE agent_key_id = $1 AND day >= $2 GROUP BY day ORDER BY day";

constexpr const char* kGetAutoReload =
    "SELECT enabled, pack, customer_id, payment_method_id, in_flight_since, updated_at "
    "FROM credit_auto_reload WHERE account_id = $1";
constexpr const char* kSetAutoReload =
    "INSERT INTO credit_auto_reload(account_id, enabled, pack, updated_at) VALUES($1, $2, $3, $4) "
    "ON CONFLICT (account_id) DO UPDATE SET enabled = excluded.enabled, pack = excluded.pack, "
    "updated_at = excluded.updated_at";
constexpr const char* kSavePaymentMethod =
    "INSERT INTO credit_auto_reload(account_id, customer_id, payment_method_id, updated_at) "
    "VALUES($1, $2, $3, $4) ON CONFLICT (account_id) DO UPDATE SET customer_id = "
    "excluded.customer_id, payment_method_id = excluded.payment_method_id, "
    "updated_at = excluded.updated_at";
// The claim is this one guarded UPDATE: a second claimer (in any process) waits for the row,
// then sees in_flight_since of the committed claim and changes nothing.
constexpr const char* kClaimReload =
    "UPDATE credit_auto_reload SET in_flight_since = $1 WHERE account_id = $2 AND enabled AND "
    "payment_method_id <> '' AND customer_id <> '' AND in_flight_since < $3";
constexpr const char* kSettleReload =
    "UPDATE credit_auto_reload SET in_flight_since = 0 WHERE account_id = $1";
constexpr const char* kGetUsageWebhook =
    "SELECT url, events, threshold_percent, updated_at FROM usage_webhooks WHERE account_id = $1";
constexpr const char* kSetUsageWebhook =
    "INSERT INTO usage_webhooks(account_id, url, events, threshold_percent, updated_at) "
    "VALUES($1, $2, $3, $4, $5) ON CONFLICT (account_id) DO UPDATE SET url = excluded.url, "
    "events = excluded.events, threshold_percent = excluded.threshold_percent, "
    "updated_at = excluded.updated_at";

constexpr std::int64_t kLastUsedGranularityMs = 60 * 1000;

std::string JoinComma(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < s.size();) {
    std::size_t comma = std::min(s.find(',', start), s.size());
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// A key from the first columns of `r` (SHORTLIST_KEY_COLUMNS).
AgentKeyRecord ReadKey(const sql::Rows& r) {
  return AgentKeyRecord{r.Int(0),
                        r.Int(1),
                        r.Text(2),
                        r.Text(3),
                        SplitComma(r.Text(4)),
                        {r.OptionalInt(5), r.OptionalInt(6), r.OptionalInt(7)},
                        r.Int(11) != 0,
                        r.Int(8),
                        r.Int(9),
                        r.Int(10),
                        r.Int(11)};
}

// A key of the account (revoked or not) as `query` reads it.
Result<AgentKeyRecord> KeyOf(sql::Transaction& tx, const char* query, std::int64_t account_id,
                             std::int64_t key_id) {
  return sql::Found(tx.One(query, {key_id, account_id}, ReadKey), "Agent key");
}

CreditBalance ReadBalanceRow(const sql::Rows& r) {
  return CreditBalance{r.Int(0), r.Int(1), r.Int(2)};
}

// The balance as last committed, without a lock (an account with no row has a zero balance).
CreditBalance ReadBalance(sql::Transaction& tx, std::int64_t account_id) {
  return tx.One(kBalance, {account_id}, ReadBalanceRow).value_or(CreditBalance{});
}

// Creates the account's balance row if missing and locks it until the transaction ends. A
// concurrent first insert of the same row makes the INSERT wait for that transaction, so both
// end up locking the one row.
CreditBalance LockBalance(sql::Transaction& tx, std::int64_t account_id) {
  tx.Query(kEnsureBalance, {account_id});
  return tx.One(kLockBalance, {account_id}, ReadBalanceRow).value_or(CreditBalance{});
}

std::int64_t AppendLedger(sql::Transaction& tx, const LedgerEntry& e) {
  return tx.Int(kAppendLedger, {e.account_id, e.kind, e.credits, e.balance_after, e.description,
                                e.job_id, e.agent_key_id, e.reference, e.created_at_ms});
}

// Adds `delta` to what the key spent on `day` ("2026-11-23"), in its month and in its lifetime.
void AddKeySpend(sql::Transaction& tx, std::int64_t key_id, const std::string& day,
                 const std::string& month, std::int64_t delta) {
  for (const std::string& period : {"d:" + day, "m:" + month, std::string("life")}) {
    tx.Query(kAddKeySpend, {key_id, period, delta});
  }
}

AgentKeySpend ReadKeySpend(sql::Transaction& tx, std::int64_t key_id, std::int64_t now_ms) {
  auto spent = [&](const std::string& period) { return tx.Int(kKeySpend, {key_id, period}); };
  auto charges = tx.One(kKeyCharges, {key_id},
                        [](const sql::Rows& r) { return std::make_pair(r.Int(0), r.Int(1)); });
  return AgentKeySpend{spent("d:" + UtcDay(now_ms)), spent("m:" + UtcMonth(now_ms)), spent("life"),
                       charges->first, charges->second};
}

// Writes an accepted charge: the balance, the ledger entry, the charge row, the key's spend.
void WriteCharge(sql::Transaction& tx, const ChargeRequest& r, ChargeOutcome& out) {
  const std::string day = UtcDay(r.now_ms), month = UtcMonth(r.now_ms);
  tx.Query(kAddToBalance, {r.account_id, -r.credits});
  out.balance_after = out.balance_before.credits - r.credits;
  out.entry_id = AppendLedger(tx, {0, r.account_id, "charge", -r.credits, out.balance_after,
                                   r.description, 0, r.agent_key_id, "", r.now_ms});
  tx.Query(kInsertCharge,
           {out.entry_id, r.account_id, r.agent_key_id, r.credits, day, month, r.now_ms});
  if (r.agent_key_id == 0) return;
  AddKeySpend(tx, r.agent_key_id, day, month, r.credits);
  out.spend_after.today += r.credits;
  out.spend_after.this_month += r.credits;
  out.spend_after.lifetime += r.credits;
  out.spend_after.jobs += 1;
  out.spend_after.candidates += r.credits;
}

struct ChargeRow {
  std::int64_t id = 0, account_id = 0, agent_key_id = 0, job_id = 0, credits = 0, refunded = 0;
  std::string day, month;
};

// Finds the charges, locks their account's balance, and reads them again: what another process
// refunded while this one waited for the lock is then seen. Empty when there are none.
std::vector<ChargeRow> LockCharges(sql::Transaction& tx, const char* query, std::int64_t id) {
  auto read = [&] {
    return tx.All(query, {id}, [](const sql::Rows& r) {
      return ChargeRow{r.Int(0), r.Int(1), r.Int(2),  r.Int(3),
                       r.Int(4), r.Int(5), r.Text(6), r.Text(7)};
    });
  };
  auto charges = read();
  if (charges.empty()) return charges;
  LockBalance(tx, charges.front().account_id);
  return read();
}

// Gives back up to `credits` of one charge, whose account's balance is locked; returns what was
// given back.
std::int64_t RefundOne(sql::Transaction& tx, const ChargeRow& c, std::int64_t credits,
                       const std::string& reason, std::int64_t now_ms) {
  const std::int64_t take = std::min(credits, c.credits - c.refunded);
  if (take <= 0) return 0;
  tx.Query(kRefundCharge, {take, c.id});
  if (c.agent_key_id != 0) AddKeySpend(tx, c.agent_key_id, c.day, c.month, -take);
  tx.Query(kAddToBalance, {c.account_id, take});
  AppendLedger(tx, {0, c.account_id, "refund", take, ReadBalance(tx, c.account_id).credits, reason,
                    c.job_id, c.agent_key_id, "charge:" + std::to_string(c.id), now_ms});
  return take;
}

// Refunds up to `credits` from `charges` in order.
RefundOutcome RefundCharges(sql::Transaction& tx, const std::vector<ChargeRow>& charges,
                            std::int64_t credits, const std::string& reason, std::int64_t now_ms) {
  RefundOutcome out{charges.front().account_id, 0, 0};
  for (const ChargeRow& c : charges) {
    if (out.credits >= credits) break;
    out.credits += RefundOne(tx, c, credits - out.credits, reason, now_ms);
  }
  out.balance_after = ReadBalance(tx, out.account_id).credits;
  return out;
}

// Credits the lines to the locked balance, each a ledger entry; returns the balance after.
std::int64_t CreditLines(sql::Transaction& tx, const CreditRequest& r) {
  std::int64_t balance = LockBalance(tx, r.account_id).credits;
  std::int64_t last_id = 0;
  for (const CreditLine& line : r.lines) {
    tx.Query(kAddToBalance, {r.account_id, line.credits});
    balance += line.credits;
    last_id = AppendLedger(tx, {0, r.account_id, line.kind, line.credits, balance, line.description,
                                0, 0, r.reference, r.now_ms});
  }
  if (last_id != 0) tx.Query(kMarkTopUp, {last_id, r.amount_cents, r.account_id});
  return balance;
}

LedgerEntry ReadEntry(const sql::Rows& r) {
  return LedgerEntry{r.Int(0),  r.Int(1), r.Text(2), r.Int(3),  r.Int(4),
                     r.Text(5), r.Int(6), r.Int(7),  r.Text(8), r.Int(9)};
}

class SqlBillingStore : public BillingStore {
 public:
  explicit SqlBillingStore(std::shared_ptr<sql::Database> db) : db_(std::move(db)) {}

  Result<CreditBalance> GetBalance(std::int64_t account_id) override {
    return Read([&](Tx& tx) -> Result<CreditBalance> { return ReadBalance(tx, account_id); });
  }

  using BillingStore::Charge;
  Result<ChargeOutcome> Charge(const ChargeRequest& r,
                               const OutboxFor<ChargeOutcome>& announce) override {
    return db_->Run(Intent::kWrite, [&](Tx& tx) -> Result<ChargeOutcome> {
      ChargeOutcome out;
      // First the lock: the balance and the key's spend read below cannot change until commit.
      out.balance_before = LockBalance(tx, r.account_id);
      billing::ChargeFacts facts{r.credits, r.enforce_balance, out.balance_before.credits, {}, {},
                                 {}};
      if (r.agent_key_id != 0) {
        auto key = KeyOf(tx, kGetLiveKey, r.account_id, r.agent_key_id);
        if (!key.ok()) return NotFound("agent key");
        out.agent_key_name = key->name;
        out.limits = key->limits;
        out.spend_before = ReadKeySpend(tx, r.agent_key_id, r.now_ms);
        facts.daily = {key->limits.daily, out.spend_before.today};
        facts.monthly = {key->limits.monthly, out.spend_before.this_month};
        facts.lifetime = {key->limits.lifetime, out.spend_before.lifetime};
      }
      out.refusal = billing::DecideCharge(facts);
      out.balance_after = out.balance_before.credits;
      out.spend_after = out.spend_before;
      if (out.refusal == ChargeOutcome::Refusal::kNone) WriteCharge(tx, r, out);
      if (announce) EnqueueDeliveries(tx, announce(out));
      return out;
    });
  }

  Status AttachJob(std::int64_t charge_id, std::int64_t job_id) override {
    return db_->Run(Intent::kWrite, [&](Tx& tx) -> Status {
      if (tx.Change(kAttachCharge, {job_id, charge_id}) == 0) return NotFound("charge");
      tx.Query(kAttachLedger, {job_id, charge_id});
      return OkStatus();
    });
  }

  Result<RefundOutcome> RefundJob(std::int64_t job_id, std::int64_t credits,
                                  const std::string& reason, std::int64_t now_ms) override {
    return db_->Run(Intent::kWrite, [&](Tx& tx) -> Result<RefundOutcome> {
      auto charges = LockCharges(tx, kChargesOfJob, job_id);
      if (job_id == 0 || charges.empty()) return NotFound("charge for job");
      return RefundCharges(tx, charges, credits, reason, now_ms);
    });
  }

  Result<RefundOutcome> RefundCharge(std::int64_t charge_id, const std::string& reason,
                                     std::int64_t now_ms) override {
    return db_->Run(Intent::kWrite, [&](Tx& tx) -> Result<RefundOutcome> {
      auto charges = LockCharges(tx, kChargeById, charge_id);
      if (charges.empty()) return NotFound("charge");
      return RefundCharges(tx, charges, charges.front().credits, reason, now_ms);
    });
  }

  Result<CreditOutcome> AddCredits(const CreditRequest& r) override {
    return db_->Run(Intent::kWrite, [&](Tx& tx) -> Result<CreditOutcome> {
      // The event and the payment are recorded before the balance lock is taken: a second
      // process applying the same event waits here until the first commits, then inserts
      // nothing. A payment already credited (say by the synchronous answer before this webhook)
      // keeps the event recorded and credits nothing.
      const bool repeated =
          (!r.stripe_event_id.empty() &&
           tx.Change(kRecordStripeEvent, {r.stripe_event_id, r.now_ms}) == 0) ||
          (!r.reference.empty() &&
           tx.Change(kRecordPayment, {r.reference, r.account_id, r.amount_cents, r.now_ms}) == 0);
      if (repeated) return CreditOutcome{false, ReadBalance(tx, r.account_id).credits};
      return CreditOutcome{true, CreditLines(tx, r)};
    });
  }

  Result<std::vector<LedgerEntry>> ListLedger(std::int64_t account_id, const LedgerFilter& f,
                                              int* total) override {
    const sql::Value params[] = {account_id, f.kind, f.agent_key_id, f.limit, f.offset};
    return Read([&](Tx& tx) {
      if (total) *total = static_cast<int>(tx.Int(kCountLedger, std::span(params, 3)));
      return Result(tx.All(kListLedger, params, ReadEntry));
    });
  }

  Result<AgentKeyRecord> CreateAgentKey(const AgentKeyRecord& k,
                                        const std::string& key_hash) override {
    const std::string permissions = JoinComma(k.permissions);
    return Read([&](Tx& tx) -> Result<AgentKeyRecord> {
      AgentKeyRecord out = k;
      out.id =
          tx.Int(kCreateKey, {k.account_id, k.name, key_hash, k.prefix, permissions, k.limits.daily,
                              k.limits.monthly, k.limits.lifetime, k.created_at_ms});
      out.updated_at_ms = k.created_at_ms;
      return out;
    });
  }

  Result<AgentKeyRecord> GetAgentKey(std::int64_t account_id, std::int64_t key_id) override {
    return db_->One(kGetKey, {key_id, account_id}, ReadKey, "Agent key");
  }

  Result<std::vector<AgentKeyRecord>> ListAgentKeys(std::int64_t account_id) override {
    return db_->All(kListKeys, {account_id}, ReadKey);
  }

  Result<AgentKeyRecord> UpdateAgentKey(const AgentKeyRecord& k, std::int64_t now_ms) override {
    const std::string permissions = JoinComma(k.permissions);
    return ChangeLiveKey(k.account_id, k.id, [&](Tx& tx) {
      tx.Query(kUpdateKey, {k.name, permissions, k.limits.daily, k.limits.monthly,
                            k.limits.lifetime, now_ms, k.id});
    });
  }

  Result<AgentKeyRecord> RotateAgentKey(std::int64_t account_id, std::int64_t key_id,
                                        const std::string& new_hash, const std::string& new_prefix,
                                        std::int64_t now_ms) override {
    return ChangeLiveKey(account_id, key_id, [&](Tx& tx) {
      tx.Query(kRotateKey, {new_hash, new_prefix, now_ms, key_id});
    });
  }

  Result<AgentKeyRecord> RevokeAgentKey(std::int64_t account_id, std::int64_t key_id,
                                        std::int64_t now_ms) override {
    return db_->Run(Intent::kWrite, [&](Tx& tx) {
      tx.Query(kRevokeKey, {now_ms, key_id, account_id});
      return KeyOf(tx, kGetKey, account_id, key_id);
    });
  }

  Result<std::pair<model::Account, AgentKeyRecord>> AuthenticateAgentKey(
      const std::string& key_hash, std::int64_t now_ms) override {
    using Found = std::pair<model::Account, AgentKeyRecord>;
    return Read([&](Tx& tx) -> Result<Found> {
      // Found by the hash (an index probe), then compared again in constant time.
      auto found = tx.One(kFindLiveKey, {key_hash}, [](const sql::Rows& r) {
        return std::make_pair(
            Found{model::Account{r.Int(12), r.Text(13), r.Text(14),
                                 model::ParsePlan(r.Text(15)).value_or(model::Plan::kStandard),
                                 r.Int(16)},
                  ReadKey(r)},
            r.Text(17));
      });
      if (!found || !ConstantTimeEquals(found->second, key_hash)) return NotFound("agent key");
      AgentKeyRecord& key = found->first.second;
      if (now_ms - key.last_used_at_ms >= kLastUsedGranularityMs) {
        // Not in a transaction: a lost update of a "last used" time is harmless.
        tx.Query(kTouchKey, {now_ms, key.id});
        key.last_used_at_ms = now_ms;
      }
      return found->first;
    });
  }

  Result<AgentKeySpend> GetAgentKeySpend(std::int64_t key_id, std::int64_t now_ms) override {
    return Read([&](Tx& tx) -> Result<AgentKeySpend> { return ReadKeySpend(tx, key_id, now_ms); });
  }

  Result<std::vector<DailyUsage>> ListAgentKeyDailyUsage(std::int64_t key_id,
                                                         const std::string& since_day) override {
    return db_->All(kDailyUsage, {key_id, since_day}, [](const sql::Rows& r) {
      return DailyUsage{r.Text(0), r.Int(1), r.Int(2)};
    });
  }

  Result<AutoReloadSettings> GetAutoReload(std::int64_t account_id) override {
    return Read([&](Tx& tx) -> Result<AutoReloadSettings> {
      return tx
          .One(kGetAutoReload, {account_id},
               [](const sql::Rows& r) {
                 return AutoReloadSettings{r.Bool(0), r.Text(1), r.Text(2),
                                           r.Text(3), r.Int(4),  r.Int(5)};
               })
          .value_or(AutoReloadSettings{});
    });
  }

  Status SetAutoReload(std::int64_t account_id, bool enabled, const std::string& pack,
                       std::int64_t now_ms) override {
    return db_->Write(kSetAutoReload, {account_id, enabled, pack, now_ms});
  }

  Status SaveReloadPaymentMethod(std::int64_t account_id, const std::string& customer_id,
                                 const std::string& payment_method_id,
                                 std::int64_t now_ms) override {
    return db_->Write(kSavePaymentMethod, {account_id, customer_id, payment_method_id, now_ms});
  }

  Result<bool> ClaimReload(std::int64_t account_id, std::int64_t threshold_credits,
                           std::int64_t stale_before_ms, std::int64_t now_ms) override {
    return db_->Run(Intent::kWrite, [&](Tx& tx) -> Result<bool> {
      if (ReadBalance(tx, account_id).credits >= threshold_credits) return false;
      return tx.Change(kClaimReload, {now_ms, account_id, stale_before_ms}) > 0;
    });
  }

  Status SettleReload(std::int64_t account_id) override {
    return db_->Write(kSettleReload, {account_id});
  }

  Result<bool> RecordStripeEvent(const std::string& event_id, std::int64_t now_ms) override {
    return Read([&](Tx& tx) -> Result<bool> {
      return tx.Change(kRecordStripeEvent, {event_id, now_ms}) > 0;
    });
  }

  Result<UsageWebhookConfig> GetUsageWebhook(std::int64_t account_id) override {
    return Read([&](Tx& tx) -> Result<UsageWebhookConfig> {
      return tx
          .One(kGetUsageWebhook, {account_id},
               [](const sql::Rows& r) {
                 return UsageWebhookConfig{r.Text(0), SplitComma(r.Text(1)),
                                           static_cast<int>(r.Int(2)), r.Int(3)};
               })
          .value_or(UsageWebhookConfig{});
    });
  }

  Status SetUsageWebhook(std::int64_t account_id, const UsageWebhookConfig& c) override {
    const std::string events = JoinComma(c.events);
    return db_->Write(kSetUsageWebhook,
                      {account_id, c.url, events, c.threshold_percent, c.updated_at_ms});
  }

 private:
  using Tx = sql::Transaction;
  template <typename F>
  auto Read(F&& f) -> decltype(f(std::declval<Tx&>())) {
    return db_->Run(Intent::kRead, std::forward<F>(f));
  }

  // Locks a key of the account, refuses a revoked one ("conflict"), applies `change` and
  // answers the key as changed.
  template <typename Change>
  Result<AgentKeyRecord> ChangeLiveKey(std::int64_t account_id, std::int64_t key_id,
                                       Change change) {
    return db_->Run(Intent::kWrite, [&](Tx& tx) -> Result<AgentKeyRecord> {
      auto current = KeyOf(tx, kLockKey, account_id, key_id);
      if (!current.ok()) return current.error();
      if (current->revoked) return Error::Make("conflict", "This agent key has been revoked.");
      change(tx);
      return KeyOf(tx, kGetKey, account_id, key_id);
    });
  }

  std::shared_ptr<sql::Database> db_;
};

}  // namespace

std::unique_ptr<BillingStore> NewSqlBillingStore(std::shared_ptr<sql::Database> db) {
  return std::make_unique<SqlBillingStore>(std::move(db));
}

}  // namespace shortlist::store

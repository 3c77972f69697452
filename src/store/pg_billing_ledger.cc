// The money side of the PostgreSQL BillingStore: balances, the ledger, charges, refunds and
// credits. Each method that changes money is one PgTransaction that takes the account's balance
// row lock before it reads anything it decides on (see pg_billing_store_impl.h).
#include <algorithm>
#include <utility>

#include "billing/charge_policy.h"
#include "store/pg_billing_store_impl.h"

namespace shortlist::store::pg_billing {
namespace {

constexpr const char* kLedgerColumns =
    "id, account_id, kind, credits, balance_after, description, job_id, agent_key_id, "
    "reference, created_at";

LedgerEntry ReadEntry(const PgResult& r, int row) {
  LedgerEntry e;
  e.id = r.Int(row, 0);
  e.account_id = r.Int(row, 1);
  e.kind = r.Text(row, 2);
  e.credits = r.Int(row, 3);
  e.balance_after = r.Int(row, 4);
  e.description = r.Text(row, 5);
  e.job_id = r.Int(row, 6);
  e.agent_key_id = r.Int(row, 7);
  e.reference = r.Text(row, 8);
  e.created_at_ms = r.Int(row, 9);
  return e;
}

CreditBalance BalanceFrom(const PgResult& r) {
  CreditBalance b;
  if (!r.empty()) {
    b.credits = r.Int(0, 0);
    b.largest_purchase_cents = r.Int(0, 1);
    b.topup_epoch = r.Int(0, 2);
  }
  return b;
}

// The balance as last committed, without a lock (an account with no row has a zero balance).
CreditBalance ReadBalance(PgConnection& db, std::int64_t account_id) {
  return BalanceFrom(
      db.Query("SELECT credits, largest_purchase_cents, topup_epoch FROM credit_balances "
               "WHERE account_id = $1",
               PgParams().Add(account_id)));
}

// Inside a transaction: creates the account's balance row if missing and locks it until the
// transaction ends; returns the balance. A concurrent first insert of the same row makes the
// INSERT wait for that transaction, so both end up locking the one row.
CreditBalance LockBalance(PgConnection& db, std::int64_t account_id) {
  db.Query("INSERT INTO credit_balances(account_id) VALUES($1) ON CONFLICT(account_id) DO NOTHING",
           PgParams().Add(account_id));
  return BalanceFrom(
      db.Query("SELECT credits, largest_purchase_cents, topup_epoch FROM credit_balances "
               "WHERE account_id = $1 FOR UPDATE",
               PgParams().Add(account_id)));
}

// The balance row must be locked (LockBalance) by the caller's transaction.
void AddToBalance(PgConnection& db, std::int64_t account_id, std::int64_t delta) {
  db.Query("UPDATE credit_balances SET credits = credits + $2 WHERE account_id = $1",
           PgParams().Add(account_id).Add(delta));
}

std::int64_t AppendLedger(PgConnection& db, const LedgerEntry& e) {
  auto r = db.Query(
      "INSERT INTO credit_ledger(account_id, kind, credits, balance_after, description, job_id, "
      "agent_key_id, reference, created_at) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9) "
      "RETURNING id",
      PgParams()
          .Add(e.account_id)
          .Add(e.kind)
          .Add(e.credits)
          .Add(e.balance_after)
          .Add(e.description)
          .Add(e.job_id)
          .Add(e.agent_key_id)
          .Add(e.reference)
          .Add(e.created_at_ms));
  return r.Int(0, 0);
}

void AddSpend(PgConnection& db, std::int64_t key_id, const std::string& period,
              std::int64_t delta) {
  db.Query(
      "INSERT INTO agent_key_spend(agent_key_id, period, credits) VALUES($1, $2, $3) "
      "ON CONFLICT(agent_key_id, period) DO UPDATE "
      "SET credits = agent_key_spend.credits + excluded.credits",
      PgParams().Add(key_id).Add(period).Add(delta));
}

struct ChargeRow {
  std::int64_t id = 0, account_id = 0, agent_key_id = 0, job_id = 0, credits = 0, refunded = 0;
  std::string day, month;
};

// Gives back up to `credits` of one charge; returns what was given back. The account's balance
// row is locked by the caller.
std::int64_t RefundOne(PgConnection& db, const ChargeRow& c, std::int64_t credits,
                       const std::string& reason, std::int64_t now_ms) {
  std::int64_t take = std::min(credits, c.credits - c.refunded);
  if (take <= 0) return 0;
  db.Query("UPDATE credit_charges SET refunded = refunded + $1 WHERE id = $2",
           PgParams().Add(take).Add(c.id));
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

std::vector<ChargeRow> ReadCharges(PgConnection& db, const char* where, std::int64_t id) {
  auto r = db.Query(std::string("SELECT id, account_id, agent_key_id, job_id, credits, "
                                "refunded, day, month FROM credit_charges WHERE ") +
                        where + " ORDER BY id",
                    PgParams().Add(id));
  std::vector<ChargeRow> rows;
  for (int i = 0; i < r.rows(); ++i) {
    rows.push_back(ChargeRow{r.Int(i, 0), r.Int(i, 1), r.Int(i, 2), r.Int(i, 3), r.Int(i, 4),
                             r.Int(i, 5), r.Text(i, 6), r.Text(i, 7)});
  }
  return rows;
}

// Finds the charges, locks their account's balance, and reads them again: what another process
// refunded while we waited for the lock is then seen. Empty when there are none.
std::vector<ChargeRow> LockCharges(PgConnection& db, const char* where, std::int64_t id) {
  auto charges = ReadCharges(db, where, id);
  if (charges.empty()) return charges;
  LockBalance(db, charges.front().account_id);
  return ReadCharges(db, where, id);
}

}  // namespace

Result<CreditBalance> PgBillingStore::GetBalance(std::int64_t account_id) {
  return pool_.Run(
      [&](PgConnection& db) -> Result<CreditBalance> { return ReadBalance(db, account_id); });
}

Result<ChargeOutcome> PgBillingStore::Charge(const ChargeRequest& r) {
  return pool_.Run([&](PgConnection& db) -> Result<ChargeOutcome> {
    using Refusal = ChargeOutcome::Refusal;
    PgTransaction tx(db);
    ChargeOutcome out;
    const std::string day = UtcDay(r.now_ms), month = UtcMonth(r.now_ms);
    // First the lock: the key's spend and the balance read below cannot change until we commit.
    out.balance_before = LockBalance(db, r.account_id);
    billing::ChargeFacts facts{r.credits, r.enforce_balance, out.balance_before.credits, {}, {},
                               {}};
    if (r.agent_key_id != 0) {
      auto k = db.Query(std::string("SELECT ") + kKeyColumns +
                            " FROM agent_keys WHERE id = $1 AND account_id = $2 AND "
                            "revoked_at = 0",
                        PgParams().Add(r.agent_key_id).Add(r.account_id));
      if (k.empty()) return NotFound("agent key");
      AgentKeyRecord key = ReadKey(k, 0);
      out.agent_key_name = key.name;
      out.limits = key.limits;
      out.spend_before = ReadKeySpend(db, r.agent_key_id, r.now_ms);
      facts.daily = {key.limits.daily, out.spend_before.today};
      facts.monthly = {key.limits.monthly, out.spend_before.this_month};
      facts.lifetime = {key.limits.lifetime, out.spend_before.lifetime};
    }
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
    db.Query(
        "INSERT INTO credit_charges(id, account_id, agent_key_id, credits, day, month, "
        "created_at) VALUES($1, $2, $3, $4, $5, $6, $7)",
        PgParams()
            .Add(out.entry_id)
            .Add(r.account_id)
            .Add(r.agent_key_id)
            .Add(r.credits)
            .Add(day)
            .Add(month)
            .Add(r.now_ms));
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

Status PgBillingStore::AttachJob(std::int64_t charge_id, std::int64_t job_id) {
  return pool_.Run([&](PgConnection& db) -> Status {
    PgTransaction tx(db);
    auto updated = db.Query("UPDATE credit_charges SET job_id = $1 WHERE id = $2",
                            PgParams().Add(job_id).Add(charge_id));
    if (updated.affected() == 0) return NotFound("charge");
    db.Query("UPDATE credit_ledger SET job_id = $1 WHERE id = $2",
             PgParams().Add(job_id).Add(charge_id));
    tx.Commit();
    return OkStatus();
  });
}

Result<RefundOutcome> PgBillingStore::RefundJob(std::int64_t job_id, std::int64_t credits,
                                                const std::string& reason, std::int64_t now_ms) {
  return pool_.Run([&](PgConnection& db) -> Result<RefundOutcome> {
    PgTransaction tx(db);
    auto charges = LockCharges(db, "job_id = $1", job_id);
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

Result<RefundOutcome> PgBillingStore::RefundCharge(std::int64_t charge_id,
                                                   const std::string& reason, std::int64_t now_ms) {
  return pool_.Run([&](PgConnection& db) -> Result<RefundOutcome> {
    PgTransaction tx(db);
    auto charges = LockCharges(db, "id = $1", charge_id);
    if (charges.empty()) return NotFound("charge");
    RefundOutcome out;
    out.account_id = charges.front().account_id;
    out.credits = RefundOne(db, charges.front(), charges.front().credits, reason, now_ms);
    out.balance_after = ReadBalance(db, out.account_id).credits;
    tx.Commit();
    return out;
  });
}

Result<CreditOutcome> PgBillingStore::AddCredits(const CreditRequest& r) {
  return pool_.Run([&](PgConnection& db) -> Result<CreditOutcome> {
    PgTransaction tx(db);
    CreditOutcome out;
    // The event and the payment are recorded before the balance lock is taken. A second process
    // applying the same event waits here until the first commits, then inserts nothing.
    if (!r.stripe_event_id.empty()) {
      auto inserted = db.Query(
          "INSERT INTO stripe_events(event_id, processed_at) VALUES($1, $2) "
          "ON CONFLICT(event_id) DO NOTHING",
          PgParams().Add(r.stripe_event_id).Add(r.now_ms));
      if (inserted.affected() == 0) {
        out.balance_after = ReadBalance(db, r.account_id).credits;
        return out;
      }
    }
    if (!r.reference.empty()) {
      auto inserted = db.Query(
          "INSERT INTO credit_payments(reference, account_id, amount_cents, created_at) "
          "VALUES($1, $2, $3, $4) ON CONFLICT(reference) DO NOTHING",
          PgParams().Add(r.reference).Add(r.account_id).Add(r.amount_cents).Add(r.now_ms));
      if (inserted.affected() == 0) {
        // Paid once already (say by the synchronous answer before this webhook): keep the
        // event recorded, credit nothing.
        out.balance_after = ReadBalance(db, r.account_id).credits;
        tx.Commit();
        return out;
      }
    }
    std::int64_t balance = LockBalance(db, r.account_id).credits;
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
      db.Query(
          "UPDATE credit_balances SET topup_epoch = $1, "
          "largest_purchase_cents = GREATEST(largest_purchase_cents, $2) WHERE account_id = $3",
          PgParams().Add(last_id).Add(r.amount_cents).Add(r.account_id));
    }
    tx.Commit();
    out.applied = true;
    out.balance_after = balance;
    return out;
  });
}

Result<std::vector<LedgerEntry>> PgBillingStore::ListLedger(std::int64_t account_id,
                                                            const LedgerFilter& f, int* total) {
  return pool_.Run([&](PgConnection& db) -> Result<std::vector<LedgerEntry>> {
    const std::string where =
        " FROM credit_ledger WHERE account_id = $1 AND ($2::text = '' OR kind = $2::text) "
        "AND ($3::bigint = 0 OR agent_key_id = $3::bigint)";
    auto params = [&] { return PgParams().Add(account_id).Add(f.kind).Add(f.agent_key_id); };
    if (total) {
      auto r = db.Query("SELECT COUNT(*)" + where, params());
      *total = static_cast<int>(r.Int(0, 0));
    }
    auto r = db.Query(
        std::string("SELECT ") + kLedgerColumns + where + " ORDER BY id DESC LIMIT $4 OFFSET $5",
        params().Add(f.limit).Add(f.offset));
    std::vector<LedgerEntry> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(ReadEntry(r, i));
    return out;
  });
}

}  // namespace shortlist::store::pg_billing

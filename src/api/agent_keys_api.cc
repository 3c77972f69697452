#include "api/agent_keys_api.h"

#include <algorithm>

#include "api/credits_api.h"
#include "api/handler_support.h"
#include "api/validation.h"
#include "common/clock.h"

namespace shortlist::api {
namespace {

using billing::BillingService;
using billing::Dollars;
using http::Caller;
using http::ErrorResponse;
using http::Request;
using http::Response;
using nlohmann::json;

constexpr double kMaxLimitDollars = 1000000.0;
constexpr int kUsageDays = 30;
const char* const kPermissions[] = {"read", "screen", "email"};
// HireSquire's CLI also offers "write" and "bulk"; both are what Shortlist's "screen" allows
// (creating, bulk-creating and cancelling jobs, updating candidates, outcomes).
const char* PermissionName(const std::string& asked) {
  for (const char* p : kPermissions) {
    if (asked == p) return p;
  }
  if (asked == "write" || asked == "bulk") return "screen";
  return nullptr;
}

using KeysHandler = Response (*)(const ApiContext&, BillingService&, const Request&, const Caller&);

http::Handler BindKeys(const ApiContext& ctx, BillingService& billing, KeysHandler fn) {
  return [&ctx, &billing, fn](const Request& req, const Caller* caller) {
    // Every agent key endpoint manages credentials: user tokens only.
    if (auto denied = RequireUserToken(*caller)) return *denied;
    return fn(ctx, billing, req, *caller);
  };
}

json Limit(const std::optional<std::int64_t>& credits) {
  return credits ? json(Dollars(*credits)) : json(nullptr);
}

json Time(std::int64_t ms) { return ms ? json(FormatIso8601(ms)) : json(nullptr); }

json KeyJson(BillingService& billing, const store::AgentKeyRecord& k) {
  json out = {{"id", k.id},
              {"name", k.name},
              {"key_prefix", k.prefix},
              {"permissions", k.permissions},
              {"daily_spend_limit", Limit(k.limits.daily)},
              {"monthly_spend_limit", Limit(k.limits.monthly)},
              {"lifetime_spend_limit", Limit(k.limits.lifetime)},
              {"is_active", !k.revoked},
              {"status", k.revoked ? "revoked" : "active"},
              {"created_at", Time(k.created_at_ms)},
              {"updated_at", Time(k.updated_at_ms)},
              {"last_used_at", Time(k.last_used_at_ms)},
              {"revoked_at", Time(k.revoked_at_ms)}};
  auto spend = billing.store().GetAgentKeySpend(k.id, billing.clock().NowMillis());
  if (spend.ok()) {
    out["usage"] = {{"spent_today", Dollars(spend->today)},
                    {"spent_this_month", Dollars(spend->this_month)},
                    {"spent_lifetime", Dollars(spend->lifetime)},
                    {"jobs", spend->jobs},
                    {"candidates", spend->candidates}};
    // The names HireSquire's CLI reads on every key object (dollars).
    out["total_spent"] = Dollars(spend->lifetime);
    out["month_spent"] = Dollars(spend->this_month);
    out["day_spent"] = Dollars(spend->today);
  }
  return out;
}

// A key object with its secret value as `key` (create and regenerate only; never stored).
json KeyWithValue(BillingService& billing, const billing::NewAgentKey& fresh) {
  json out = KeyJson(billing, fresh.record);
  out["key"] = fresh.key;
  return out;
}

// One limit in dollars: absent leaves `*out` alone; null clears it.
void ReadLimit(const json& body, const char* key, Validator* v, std::optional<std::int64_t>* out) {
  auto it = body.find(key);
  if (it == body.end()) return;
  if (it->is_null()) {
    out->reset();
    return;
  }
  if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > kMaxLimitDollars) {
    v->Fail(key, std::string("The ") + key +
                     " field must be a number of dollars between 0 and 1000000, or null.");
    return;
  }
  *out = billing::CreditsFromDollars(it->get<double>());
}

// name, permissions and limits from a create (all) or update (those present) body.
void ReadKeyFields(const json& body, bool create, Validator* v, store::AgentKeyRecord* key) {
  if (create || body.contains("name")) {
    if (auto name = v->String(body, "name", "name", true, 1, 255)) key->name = *name;
  }
  ReadLimit(body, "daily_spend_limit", v, &key->limits.daily);
  ReadLimit(body, "monthly_spend_limit", v, &key->limits.monthly);
  ReadLimit(body, "lifetime_spend_limit", v, &key->limits.lifetime);
  auto perms = body.find("permissions");
  if (perms == body.end() || perms->is_null()) {
    if (create) key->permissions.assign(std::begin(kPermissions), std::end(kPermissions));
    return;
  }
  if (!perms->is_array()) {
    v->Fail("permissions", "The permissions field must be an array.");
    return;
  }
  key->permissions.clear();
  for (std::size_t i = 0; i < perms->size(); ++i) {
    const json& p = (*perms)[i];
    const char* name = p.is_string() ? PermissionName(p.get<std::string>()) : nullptr;
    if (name == nullptr) {
      v->Fail("permissions." + std::to_string(i),
              "The selected permissions." + std::to_string(i) +
                  " is invalid: use read, screen or email (write and bulk mean screen).");
    } else if (std::find(key->permissions.begin(), key->permissions.end(), name) ==
               key->permissions.end()) {
      key->permissions.push_back(name);
    }
  }
}

Result<store::AgentKeyRecord> FindKey(BillingService& billing, const Request& req,
                                      const Caller& caller) {
  auto id = ParsePositiveId(req.path_params.at("id"));
  if (!id) return Error::Make("not_found", "Agent key not found.");
  auto key = billing.store().GetAgentKey(caller.principal.account.id, *id);
  if (!key.ok() && key.error().code == "not_found") {
    return Error::Make("not_found", "Agent key not found.");
  }
  return key;
}

Response List(const ApiContext&, BillingService& billing, const Request&, const Caller& caller) {
  auto keys = billing.store().ListAgentKeys(caller.principal.account.id);
  if (!keys.ok()) return ErrorResponse(keys.error());
  json list = json::array();
  for (const auto& k : *keys) list.push_back(KeyJson(billing, k));
  return Response::Json(
      200, {{"success", true}, {"agent_keys", list}, {"keys", list}, {"total", list.size()}});
}

Response Create(const ApiContext&, BillingService& billing, const Request& req,
                const Caller& caller) {
  Response error;
  auto body = ParseJsonObject(req.body, 422, &error);
  if (!body) return error;
  Validator v;
  store::AgentKeyRecord key;
  ReadKeyFields(*body, true, &v, &key);
  if (!v.ok()) return ErrorResponse(422, "The given data was invalid.", v.errors());
  auto created =
      billing.CreateAgentKey(caller.principal.account.id, key.name, key.permissions, key.limits);
  if (!created.ok()) return ErrorResponse(created.error());
  // `key` is the key object with its secret as `key.key` (what HireSquire's CLI prints);
  // `agent_key` the same object without it.
  return Response::Secret(
      201, {{"success", true},
            {"message", "Agent key created. Store the key now: it is not shown again."},
            {"key", KeyWithValue(billing, *created)},
            {"agent_key", KeyJson(billing, created->record)}});
}

Response Get(const ApiContext&, BillingService& billing, const Request& req, const Caller& caller) {
  auto key = FindKey(billing, req, caller);
  if (!key.ok()) return ErrorResponse(key.error());
  json object = KeyJson(billing, *key);
  return Response::Json(200, {{"success", true}, {"agent_key", object}, {"key", object}});
}

// The usage object HireSquire's CLI reads (dollars; null where a key has no limit).
json ClientUsage(const store::AgentKeyRecord& key, const store::AgentKeySpend& spend,
                 std::int64_t now_ms) {
  auto remaining = [](const std::optional<std::int64_t>& limit, std::int64_t spent) {
    return limit ? json(Dollars(std::max<std::int64_t>(0, *limit - spent))) : json(nullptr);
  };
  return {{"day_spent", Dollars(spend.today)},
          {"month_spent", Dollars(spend.this_month)},
          {"total_spent", Dollars(spend.lifetime)},
          {"daily_spend_limit", Limit(key.limits.daily)},
          {"monthly_spend_limit", Limit(key.limits.monthly)},
          {"lifetime_spend_limit", Limit(key.limits.lifetime)},
          {"remaining_daily", remaining(key.limits.daily, spend.today)},
          {"remaining_monthly", remaining(key.limits.monthly, spend.this_month)},
          {"remaining_lifetime", remaining(key.limits.lifetime, spend.lifetime)},
          {"month_start_date", store::UtcMonth(now_ms) + "-01"}};
}

Response Usage(const ApiContext&, BillingService& billing, const Request& req,
               const Caller& caller) {
  auto key = FindKey(billing, req, caller);
  if (!key.ok()) return ErrorResponse(key.error());
  const std::int64_t now = billing.clock().NowMillis();
  auto spend = billing.store().GetAgentKeySpend(key->id, now);
  if (!spend.ok()) return ErrorResponse(spend.error());
  const std::int64_t since_ms = now - std::int64_t{kUsageDays - 1} * 86400000;
  auto days = billing.store().ListAgentKeyDailyUsage(key->id, store::UtcDay(since_ms));
  if (!days.ok()) return ErrorResponse(days.error());
  json daily = json::array();
  for (const auto& d : *days) {
    daily.push_back(
        {{"date", d.day}, {"spend", Dollars(d.credits)}, {"credits", d.credits}, {"jobs", d.jobs}});
  }
  auto remaining = [](const std::optional<std::int64_t>& limit, std::int64_t spent) {
    return limit ? json(Dollars(std::max<std::int64_t>(0, *limit - spent))) : json(nullptr);
  };
  return Response::Json(200,
                        {{"success", true},
                         {"agent_key_id", key->id},
                         {"name", key->name},
                         {"is_active", !key->revoked},
                         {"period", {{"day", store::UtcDay(now)}, {"month", store::UtcMonth(now)}}},
                         {"spend",
                          {{"today", Dollars(spend->today)},
                           {"this_month", Dollars(spend->this_month)},
                           {"lifetime", Dollars(spend->lifetime)}}},
                         {"limits",
                          {{"daily", Limit(key->limits.daily)},
                           {"monthly", Limit(key->limits.monthly)},
                           {"lifetime", Limit(key->limits.lifetime)}}},
                         {"remaining",
                          {{"daily", remaining(key->limits.daily, spend->today)},
                           {"monthly", remaining(key->limits.monthly, spend->this_month)},
                           {"lifetime", remaining(key->limits.lifetime, spend->lifetime)}}},
                         {"jobs", spend->jobs},
                         {"candidates", spend->candidates},
                         {"credits_used", spend->lifetime},
                         {"daily", daily},
                         {"last_used_at", Time(key->last_used_at_ms)},
                         {"currency", "USD"},
                         {"usage", ClientUsage(*key, *spend, now)}});
}

Response Update(const ApiContext&, BillingService& billing, const Request& req,
                const Caller& caller) {
  auto key = FindKey(billing, req, caller);
  if (!key.ok()) return ErrorResponse(key.error());
  Response error;
  auto body = ParseJsonObject(req.body, 422, &error);
  if (!body) return error;
  Validator v;
  store::AgentKeyRecord updated = *key;
  ReadKeyFields(*body, false, &v, &updated);
  if (!v.ok()) return ErrorResponse(422, "The given data was invalid.", v.errors());
  auto saved = billing.store().UpdateAgentKey(updated, billing.clock().NowMillis());
  if (!saved.ok()) return ErrorResponse(saved.error());
  return Response::Json(200, {{"success", true},
                              {"message", "Agent key updated."},
                              {"agent_key", KeyJson(billing, *saved)}});
}

Response Regenerate(const ApiContext&, BillingService& billing, const Request& req,
                    const Caller& caller) {
  auto key = FindKey(billing, req, caller);
  if (!key.ok()) return ErrorResponse(key.error());
  auto fresh = billing.RegenerateAgentKey(caller.principal.account.id, key->id);
  if (!fresh.ok()) return ErrorResponse(fresh.error());
  // HireSquire's CLI reads the new value at data.key.key; `key` as in create.
  const json with_value = KeyWithValue(billing, *fresh);
  return Response::Secret(
      200, {{"success", true},
            {"message",
             "Agent key regenerated. The old value no longer works; store the new key now: it "
             "is not shown again."},
            {"key", with_value},
            {"data", {{"key", with_value}}},
            {"agent_key", KeyJson(billing, fresh->record)}});
}

Response Revoke(const ApiContext&, BillingService& billing, const Request& req,
                const Caller& caller) {
  auto key = FindKey(billing, req, caller);
  if (!key.ok()) return ErrorResponse(key.error());
  auto revoked = billing.store().RevokeAgentKey(caller.principal.account.id, key->id,
                                                billing.clock().NowMillis());
  if (!revoked.ok()) return ErrorResponse(revoked.error());
  return Response::Json(200, {{"success", true},
                              {"message", "Agent key revoked."},
                              {"agent_key", KeyJson(billing, *revoked)}});
}

}  // namespace

void AddAgentKeyRoutes(const ApiContext& ctx, BillingService& billing, http::Router* router) {
  auto add = [&](const char* method, const char* path, KeysHandler fn) {
    router->Add({method, path, BindKeys(ctx, billing, fn), true, "user"});
  };
  add("GET", "/api/v1/agent-keys", List);
  add("POST", "/api/v1/agent-keys", Create);
  add("GET", "/api/v1/agent-keys/{id}", Get);
  add("GET", "/api/v1/agent-keys/{id}/usage", Usage);
  add("PUT", "/api/v1/agent-keys/{id}", Update);
  add("POST", "/api/v1/agent-keys/{id}/regenerate", Regenerate);
  add("DELETE", "/api/v1/agent-keys/{id}", Revoke);
}

}  // namespace shortlist::api

#include "model/account.h"

namespace shortlist::model {

std::string_view ToString(Plan plan) {
  switch (plan) {
    case Plan::kStarter:
      return "starter";
    case Plan::kStandard:
      return "standard";
    case Plan::kPro:
      return "pro";
    case Plan::kEnterprise:
      return "enterprise";
  }
  return "standard";
}

std::optional<Plan> ParsePlan(std::string_view name) {
  if (name == "starter") return Plan::kStarter;
  if (name == "standard") return Plan::kStandard;
  if (name == "pro") return Plan::kPro;
  if (name == "enterprise") return Plan::kEnterprise;
  return std::nullopt;
}

}  // namespace shortlist::model

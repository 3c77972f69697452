#include "model/webhook.h"

namespace shortlist::model {
namespace {
constexpr std::string_view kStateNames[] = {"pending", "delivered", "failed"};
}  // namespace

std::string_view ToString(DeliveryState state) { return kStateNames[static_cast<int>(state)]; }

std::optional<DeliveryState> ParseDeliveryState(std::string_view name) {
  for (int i = 0; i < 3; ++i) {
    if (name == kStateNames[i]) return static_cast<DeliveryState>(i);
  }
  return std::nullopt;
}

}  // namespace shortlist::model

#include "generate/boolean_search.h"

#include <algorithm>
#include <vector>

#include "generate/text_util.h"

namespace shortlist::generate {
namespace {

std::string Quote(std::string_view skill) {
  std::string out = "\"";
  for (char c : Trim(skill)) {
    if (c != '"') out += c;
  }
  return out + "\"";
}

bool Seen(std::vector<std::string>& seen, std::string_view name) {
  std::string lower = ToLower(Trim(name));
  if (std::find(seen.begin(), seen.end(), lower) != seen.end()) return true;
  seen.push_back(lower);
  return false;
}

// "Python" or ("PostgreSQL" OR "MySQL").
std::string Group(const engine::Engine& engine, const std::string& skill, std::size_t max_related,
                  std::vector<std::string>& seen) {
  std::vector<std::string> terms = {Quote(skill)};
  std::size_t added = 0;
  for (const std::string& related : engine.RelatedSkills(skill)) {
    if (added >= max_related) break;
    if (Trim(related).empty() || Seen(seen, related)) continue;
    terms.push_back(Quote(related));
    ++added;
  }
  if (terms.size() == 1) return terms.front();
  std::string out = "(";
  for (std::size_t i = 0; i < terms.size(); ++i) out += (i ? " OR " : "") + terms[i];
  return out + ")";
}

}  // namespace

std::string BooleanSearchString(const engine::Engine& engine, const engine::JobRequirements& job,
                                std::size_t max_related) {
  std::vector<std::string> required, preferred, listed;
  for (const auto& requirement : job.skills) {
    if (Trim(requirement.skill).empty() || Seen(listed, requirement.skill)) continue;
    (requirement.importance == engine::Importance::kRequired ? required : preferred)
        .push_back(requirement.skill);
  }
  // A related skill may be OR-ed once, and never when it is itself AND-ed as required.
  std::vector<std::string> seen;
  for (const std::string& skill : required) seen.push_back(ToLower(Trim(skill)));
  std::vector<std::string> groups;
  if (!required.empty()) {
    for (const std::string& skill : required) {
      groups.push_back(Group(engine, skill, max_related, seen));
    }
    std::string out;
    for (std::size_t i = 0; i < groups.size(); ++i) out += (i ? " AND " : "") + groups[i];
    return out;
  }
  if (!preferred.empty()) {
    std::string out;
    for (std::size_t i = 0; i < preferred.size(); ++i) {
      out += (i ? " OR " : "") + Quote(preferred[i]);
    }
    return preferred.size() == 1 ? out : "(" + out + ")";
  }
  if (!Trim(job.title).empty()) return Quote(job.title);
  return "";
}

}  // namespace shortlist::generate

// Which skills of one job-description sentence are alternatives -- any one of them meets what
// the sentence asks: "Python or Go", "AWS, GCP or Azure", "languages such as Java, Python",
// "sales experience (B2B, retail or inside sales)". The job analyzer makes one requirement
// group, and one knockout, of each.
#pragma once

#include <string_view>
#include <vector>

#include "engine/skill_matcher.h"

namespace shortlist::engine {

// For each of `matches` (the skills of one sentence, in order; `lower` is the sentence in lower
// case, match offsets into it), its alternative group: 0 for none, else a number taken from
// *next_group, which is advanced past the numbers used (groups stay distinct across sentences).
std::vector<int> AlternativeGroups(std::string_view lower, const std::vector<SkillMatch>& matches,
                                   int* next_group);

}  // namespace shortlist::engine

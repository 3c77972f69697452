// Role alignment: how many of a job description's key terms the candidate used (internal).
//
// Key terms are the technical terms of the lexicon found in the description (weight 2), then its
// most frequent other content words (weight 1; stop words and generic job-ad words removed), 15
// terms at most. Words match by a light stem ("deployments" ~ "deploy"). The score is the matched
// share of the weight, where using 80% of it counts as full alignment (answers rarely repeat a
// description's vocabulary wholesale): score = min(100, round(100 * share / 0.8)).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "interview/lexicon.h"

namespace shortlist::interview {

struct RoleAlignment {
  int score = 0;
  std::vector<std::string> matched;  // key terms the candidate used
  std::vector<std::string> missing;  // key terms the candidate did not use
};

// `answers` is all of the candidate's words. Returns a score of 0 and no terms when the
// description has no key term.
RoleAlignment ScoreRoleAlignment(const Lexicon& lexicon, std::string_view job_description,
                                 std::string_view answers);

}  // namespace shortlist::interview

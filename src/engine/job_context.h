// Skills a job sentence names without asking them of the candidate: the company's departments
// and other teams ("alongside our sales and accounting teams"), what another team owns ("runs
// on Kubernetes, owned by a separate team"), the company's own products ("our platform runs on
// AWS"), what is negated ("no Java needed", "you will not manage the network"), and a language
// that names a nationality or a cuisine rather than one to speak ("a Japanese trading company").
#pragma once

#include <string_view>
#include <vector>

#include "engine/engine_data.h"
#include "engine/skill_matcher.h"

namespace shortlist::engine {

// Removes those matches of `sentence` (`lower` is its lower-case copy, same length).
void DropContextSkills(const EngineData& data, std::string_view sentence, std::string_view lower,
                       std::vector<SkillMatch>* matches);

}  // namespace shortlist::engine

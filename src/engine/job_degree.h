// The education a job sentence asks for: the lowest degree level it accepts and the field it
// names. The skills that name the field ("Bachelor's degree in Computer Science", "BA/BS in
// Anthropology, Psychology, HCI/Computer Science or other related field") are part of that
// requirement, never skills asked of the candidate.
#pragma once

#include <string_view>
#include <vector>

#include "engine/engine.h"
#include "engine/engine_data.h"
#include "engine/skill_matcher.h"

namespace shortlist::engine {

struct DegreeAsked {
  DegreeLevel level = DegreeLevel::kNone;
  size_t end = 0;  // where the (first) degree's name ends in the sentence
};

// The degree `sentence` asks for (kNone when none); removes the matches naming its field from
// `matches`. A bare "degree" ("a degree in Computer Science", "a college degree") is a
// bachelor's, as a recruiter reads it.
DegreeAsked ReadDegree(const EngineData& data, std::string_view sentence, std::string_view lower,
                       std::vector<SkillMatch>* matches);

}  // namespace shortlist::engine

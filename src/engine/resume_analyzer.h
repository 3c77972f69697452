// Resume text -> ResumeProfile: sections, contact (masked out of blind_text), experience with
// merged date ranges, education, certifications, skills with evidence and years, and flags.
#pragma once

#include <string_view>
#include <vector>

#include "engine/dates.h"
#include "engine/engine.h"
#include "engine/engine_data.h"

namespace shortlist::engine {

// `skill_ids`, when given, receives the taxonomy id of each of profile.skills (same order), so
// the scorer need not look the names up again.
ResumeProfile AnalyzeResumeText(const EngineData& data, std::string_view text, MonthIndex reference,
                                std::vector<SkillId>* skill_ids = nullptr);

}  // namespace shortlist::engine

// Resume text -> ResumeProfile: sections, contact (masked out of blind_text), experience with
// merged date ranges, education, certifications, skills with evidence and years, and flags.
#pragma once

#include <string_view>
#include <vector>

#include "engine/dates.h"
#include "engine/engine.h"
#include "engine/engine_data.h"
#include "engine/text.h"

namespace shortlist::engine {

// The skills `text` claims, in order: the matcher's hits less those inside a list label that
// names a kind of item ("Operating Systems: Windows, Linux" claims Windows and Linux, not
// "Operating system"). `lines` are SplitLines(text).
void FindClaimedSkills(const EngineData& data, const std::vector<Line>& lines,
                       std::string_view text, std::vector<SkillMatch>* out);

// `skill_ids`, when given, receives the taxonomy id of each of profile.skills (same order), so
// the scorer need not look the names up again.
ResumeProfile AnalyzeResumeText(const EngineData& data, std::string_view text, MonthIndex reference,
                                std::vector<SkillId>* skill_ids = nullptr);

}  // namespace shortlist::engine

// Resume text -> ResumeProfile: sections, contact (masked out of blind_text), experience with
// merged date ranges, education, certifications, skills with evidence and years, and flags.
#pragma once

#include <string_view>

#include "engine/dates.h"
#include "engine/engine.h"
#include "engine/engine_data.h"

namespace shortlist::engine {

ResumeProfile AnalyzeResumeText(const EngineData& data, std::string_view text,
                                MonthIndex reference);

}  // namespace shortlist::engine

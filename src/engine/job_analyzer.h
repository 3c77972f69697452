// Job description -> JobRequirements: skills with importance (required vs preferred from the
// section they sit in and the cue words around them), minimum years, degree, seniority, title and
// knockouts with severity.
#pragma once

#include <string_view>

#include "engine/engine.h"
#include "engine/engine_data.h"

namespace shortlist::engine {

JobRequirements AnalyzeJobText(const EngineData& data, std::string_view title,
                               std::string_view description);

// The minimum years a sentence asks for ("5+ years", "at least three years", "3-5 years" -> 3),
// or 0. `years_begin` receives the offset of the number.
double ParseMinYears(std::string_view lower_sentence, size_t* years_begin = nullptr);

}  // namespace shortlist::engine

// Boolean search strings for sourcing on LinkedIn / job boards.
//
// Required skills are AND-ed; each is OR-ed with the skills the taxonomy relates to it:
//   "Python" AND ("PostgreSQL" OR "MySQL")
// With no required skill the preferred ones are OR-ed; with no skill at all the job title is
// quoted; with no title either the result is "". Skill names are quoted (any quote characters
// inside them are dropped), duplicates are removed, and at most `max_related` related skills are
// added per skill. Deterministic; thread-safe.
#pragma once

#include <cstddef>
#include <string>

#include "engine/engine.h"

namespace shortlist::generate {

std::string BooleanSearchString(const engine::Engine& engine, const engine::JobRequirements& job,
                                std::size_t max_related = 3);

}  // namespace shortlist::generate

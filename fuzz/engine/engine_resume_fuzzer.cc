// Fuzzes resume analysis and scoring with arbitrary bytes: no crash, no sanitizer report, and the
// invariants every caller relies on (score 0-100, blind_text as long as text).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engine/engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace shortlist::engine;
  static const std::unique_ptr<Engine> engine = Engine::Create();
  static const JobRequirements job =
      engine->AnalyzeJob("Senior Backend Engineer",
                         "Requirements: 5+ years of Python, PostgreSQL, AWS. Bachelor's degree.");
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ResumeProfile profile = engine->AnalyzeResume(text);
  if (profile.blind_text.size() != profile.text.size()) std::abort();
  Evaluation ev = engine->Evaluate(job, profile, ScoringOptions{static_cast<int>(size % 12)});
  if (ev.score < 0 || ev.score > 100) std::abort();
  return 0;
}

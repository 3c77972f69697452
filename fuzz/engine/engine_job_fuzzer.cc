// Fuzzes job-description analysis with arbitrary bytes (title = first line), and checks what an
// evaluation promises whatever the posting: a score within 0-100, and each related skill absent
// from the matched ones and present among the missing ones.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engine/engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace shortlist::engine;
  static const std::unique_ptr<Engine> engine = Engine::Create();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t nl = text.find('\n');
  std::string_view title = nl == std::string_view::npos ? text : text.substr(0, nl);
  JobRequirements job = engine->AnalyzeJob(title, text);
  static const ResumeProfile resume = engine->AnalyzeResume(
      "EXPERIENCE\nEngineer, Foo Inc, 2015 - 2020\n* Python, SQL\nEDUCATION\nBS, 2014\n");
  const Evaluation ev = engine->Evaluate(job, resume, ScoringOptions{});
  if (ev.score < 0 || ev.score > 100 || ev.raw_score < 0 || ev.raw_score > 100) std::abort();
  for (const MatchedSkill& r : ev.related_skills) {
    auto named = [&r](const auto& m) { return m.skill == r.skill; };
    if (std::any_of(ev.matched_skills.begin(), ev.matched_skills.end(), named)) std::abort();
    if (std::none_of(ev.missing_skills.begin(), ev.missing_skills.end(), named)) std::abort();
  }
  return 0;
}

// Fuzzes job-description analysis with arbitrary bytes (title = first line).
#include <cstddef>
#include <cstdint>
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
  engine->Evaluate(job, resume, ScoringOptions{});
  return 0;
}

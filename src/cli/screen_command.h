// `shortlist screen`: ranks local resume files against a job description, offline (no server,
// no database): each file is read by its bytes (PDF, DOCX, ODT, RTF, HTML, Markdown, text) in a
// sandboxed extract worker, then understood and scored by the same engine the server uses, on
// all cores.
//
//   shortlist screen --job jd.txt resumes/ more.pdf [--format table|json|csv] [--top N]
//                    [--leniency 1-10] [--title T] [--threads N]
//
// Output: the ranking on stdout (rank, score, name, file, top matched and missing skills; json
// and csv add the score breakdown and flags); a progress bar on stderr when stderr is a
// terminal; one line on stderr per file that could not be read, which also appears as a row
// carrying its error. A bad file never stops the run.
//
// Exit codes: 0 every file screened; 1 runtime failure (the job description cannot be read, no
// resume file found, output failed); 2 bad usage; 3 the ranking was printed but some files
// could not be read.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "ingest/extractor.h"

namespace CLI {
class App;
}

namespace shortlist::cli {

inline constexpr int kExitSomeFilesFailed = 3;

struct ScreenArgs {
  std::string job_file;             // the job description (any supported document kind)
  std::string title;                // optional job title; helps title fit
  std::vector<std::string> inputs;  // files and directories
  std::string format = "table";     // table | json | csv
  int top = 0;                      // print the best N only; 0 = all
  int leniency = 5;                 // 1 strict .. 10 lenient
  int threads = 0;                  // 0 = one per core
};

// The text of a job description file of any supported kind (text, PDF, DOCX, ...), read by
// `extractor`; errors name the file.
Result<std::string> ReadJobDescription(
    const std::string& path, const ingest::Extractor& extractor = ingest::InProcessExtractor());

// Runs the command; returns the exit code.
int RunScreen(const ScreenArgs& args);

// Registers `screen` on `app`. The returned function runs it (and returns its exit code) when
// it was the subcommand parsed, and returns nullopt otherwise.
std::function<std::optional<int>()> AddScreenCommand(CLI::App& app);

}  // namespace shortlist::cli

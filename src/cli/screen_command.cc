#include "cli/screen_command.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <thread>

#include "client/ranked_rows.h"
#include "client/resume_files.h"
#include "common/clock.h"
#include "common/mutex.h"
#include "engine/engine.h"
#include "ingest/extractor.h"
#include "ingest/ingest.h"

namespace shortlist::cli {
namespace {

using nlohmann::json;

// "Present" in a resume's date range ends this month.
engine::ResumeOptions ReferenceMonthNow() {
  engine::ResumeOptions at;
  std::time_t secs = static_cast<std::time_t>(SystemClock().NowMillis() / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  at.reference_year = tm.tm_year + 1900;
  at.reference_month = tm.tm_mon + 1;
  return at;
}

client::RankedRow ScreenFile(const engine::Engine& engine, const ingest::Extractor& extractor,
                             const engine::JobRequirements& job,
                             const engine::ScoringOptions& scoring, const engine::ResumeOptions& at,
                             const std::string& path) {
  client::RankedRow row;
  row.file = path;
  try {
    ingest::ExtractLimits limits;
    auto bytes = client::ReadLocalFile(path, limits.max_bytes);
    if (!bytes.ok()) {
      row.error = bytes.error().code + ": " + bytes.error().message;
      return row;
    }
    const std::string name = std::filesystem::path(path).filename().string();
    auto doc = extractor.Extract(*bytes, name, limits);
    if (!doc.ok()) {
      row.error = doc.error().code + ": " + doc.error().message;
      return row;
    }
    engine::ResumeProfile profile = engine.AnalyzeResumeAt(doc->text, at);
    engine::Evaluation evaluation = engine.Evaluate(job, profile, scoring);
    row.name = profile.contact.name;
    row.score = evaluation.score;
    row.raw_score = evaluation.raw_score;
    row.qualified = evaluation.qualified;
    for (const auto& m : evaluation.matched_skills) row.matched_skills.push_back(m.skill);
    // Required gaps first: they are what a recruiter asks about.
    std::stable_partition(evaluation.missing_skills.begin(), evaluation.missing_skills.end(),
                          [](const engine::MissingSkill& m) { return m.required; });
    for (const auto& m : evaluation.missing_skills) row.missing_skills.push_back(m.skill);
    for (const auto& f : evaluation.breakdown) {
      row.breakdown.push_back({{"name", f.name},
                               {"value", f.value},
                               {"weight", f.weight},
                               {"points", f.points},
                               {"explanation", f.explanation}});
    }
    row.flags = evaluation.flags;
    if (!doc->hidden_text.empty()) row.flags.push_back("hidden_text");
  } catch (const std::exception& e) {
    row.error = std::string("screening_failed: ") + e.what();
  }
  return row;
}

// A one-line bar redrawn in place; only used when stderr is a terminal.
void DrawProgress(std::size_t done, std::size_t total) {
  constexpr std::size_t kWidth = 30;
  const std::size_t filled = total == 0 ? kWidth : done * kWidth / total;
  std::cerr << "\rScreening [" << std::string(filled, '#') << std::string(kWidth - filled, '.')
            << "] " << done << "/" << total << std::flush;
}

void ClearProgress() { std::cerr << "\r" << std::string(60, ' ') << "\r" << std::flush; }

// Screens every file on `threads` threads; row i belongs to files[i].
std::vector<client::RankedRow> ScreenAll(const engine::Engine& engine,
                                         const ingest::Extractor& extractor,
                                         const engine::JobRequirements& job,
                                         const engine::ScoringOptions& scoring,
                                         const std::vector<std::string>& files, int threads,
                                         bool show_progress) {
  std::vector<client::RankedRow> rows(files.size());
  const engine::ResumeOptions at = ReferenceMonthNow();
  std::atomic<std::size_t> next{0};
  struct Progress {
    Mutex mu;
    CondVar advanced;
    std::size_t done GUARDED_BY(mu) = 0;
  } progress;
  auto work = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) {
      rows[i] = ScreenFile(engine, extractor, job, scoring, at, files[i]);
      MutexLock lock(progress.mu);
      ++progress.done;
      progress.advanced.Signal();
    }
  };
  const std::size_t n = std::max<std::size_t>(
      1, std::min<std::size_t>(static_cast<std::size_t>(threads), files.size()));
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < n; ++t) pool.emplace_back(work);
  if (show_progress) {
    MutexLock lock(progress.mu);
    std::size_t drawn = static_cast<std::size_t>(-1);
    while (true) {
      if (progress.done != drawn) {
        drawn = progress.done;
        DrawProgress(drawn, files.size());
      }
      if (progress.done == files.size()) break;
      progress.advanced.WaitFor(&progress.mu, std::chrono::milliseconds(100));
    }
  }
  for (auto& t : pool) t.join();
  if (show_progress) ClearProgress();
  return rows;
}

json JobJson(const ScreenArgs& args, const engine::JobRequirements& job) {
  json required = json::array(), preferred = json::array();
  for (const auto& s : job.skills) {
    (s.importance == engine::Importance::kRequired ? required : preferred).push_back(s.skill);
  }
  // What the engine understood: the title is --title or, without it, the description's first
  // line; the knockouts are what "qualified" and the penalties check.
  json knockouts = json::array();
  for (const auto& k : job.knockouts) knockouts.push_back(k.description);
  return {{"file", args.job_file},
          {"title", job.title},
          {"required_skills", required},
          {"preferred_skills", preferred},
          {"knockouts", knockouts},
          {"min_years_experience", job.min_years_experience},
          {"leniency_level", args.leniency},
          {"qualifying_score", engine::QualifyingThreshold(args.leniency)}};
}

}  // namespace

Result<std::string> ReadJobDescription(const std::string& path,
                                       const ingest::Extractor& extractor) {
  ingest::ExtractLimits limits;
  auto bytes = client::ReadLocalFile(path, limits.max_bytes);
  if (!bytes.ok()) {
    return Error::Make(bytes.error().code,
                       "cannot read the job description: " + bytes.error().message);
  }
  auto doc = extractor.Extract(*bytes, path, limits);
  if (!doc.ok()) {
    return Error::Make(doc.error().code,
                       "cannot read the job description " + path + ": " + doc.error().message);
  }
  return std::move(doc->text);
}

int RunScreen(const ScreenArgs& args) {
  const auto format = client::ParseOutputFormat(args.format);
  if (!format) {
    std::cerr << "shortlist screen: --format must be table, json or csv\n";
    return 2;
  }
  int threads = args.threads > 0
                    ? args.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // Every file, the job description too, is parsed in sandboxed worker processes
  // (ingest/extractor.h), one per screening thread.
  ingest::SandboxOptions sandbox;
  sandbox.processes = threads;
  auto extractor = ingest::SandboxedExtractor::Start(sandbox);
  if (!extractor.ok()) {
    std::cerr << "shortlist screen: " << extractor.error().message << "\n";
    return 1;
  }
  auto job_text = ReadJobDescription(args.job_file, **extractor);
  if (!job_text.ok()) {
    std::cerr << "shortlist screen: " << job_text.error().message << "\n";
    return 1;
  }
  const std::vector<std::string> files = client::ExpandResumePaths(args.inputs);
  if (files.empty()) {
    std::cerr << "shortlist screen: no resume files found in the paths given\n";
    return 1;
  }

  std::unique_ptr<engine::Engine> engine = engine::Engine::Create();
  const engine::JobRequirements job = engine->AnalyzeJob(args.title, *job_text);
  if (job.skills.empty()) {
    std::cerr << "shortlist screen: warning: no skills recognised in " << args.job_file
              << "; scores rest on experience and wording only\n";
  }
  engine::ScoringOptions scoring;
  scoring.leniency_level = args.leniency;
  std::vector<client::RankedRow> rows =
      ScreenAll(*engine, **extractor, job, scoring, files, threads, isatty(STDERR_FILENO) == 1);

  std::size_t failed = 0, qualified = 0;
  for (const auto& row : rows) {
    if (!row.error.empty()) {
      ++failed;
      std::cerr << "shortlist screen: " << client::PrintableLine(row.file) << ": "
                << client::PrintableLine(row.error) << "\n";
    } else if (row.qualified) {
      ++qualified;
    }
  }
  client::RankRows(&rows);
  if (args.top > 0) client::KeepTop(&rows, static_cast<std::size_t>(args.top));

  switch (*format) {
    case client::OutputFormat::kTable:
      std::cout << client::FormatTable(rows);
      break;
    case client::OutputFormat::kCsv:
      std::cout << client::FormatCsv(rows);
      break;
    case client::OutputFormat::kJson: {
      json out = {{"job", JobJson(args, job)},
                  {"summary",
                   {{"files", files.size()},
                    {"screened", files.size() - failed},
                    {"failed", failed},
                    {"qualified", qualified}}},
                  {"candidates", client::RowsToJson(rows)}};
      std::cout << out.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
      break;
    }
  }
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "shortlist screen: writing the output failed\n";
    return 1;
  }
  return failed > 0 ? kExitSomeFilesFailed : 0;
}

std::function<std::optional<int>()> AddScreenCommand(CLI::App& app) {
  auto args = std::make_shared<ScreenArgs>();
  CLI::App* cmd = app.add_subcommand(
      "screen",
      "rank local resume files against a job description, offline (exit codes: 0 all files "
      "screened, 1 runtime failure, 2 bad usage, 3 some files could not be read)");
  cmd->add_option("--job", args->job_file, "the job description file (text, PDF, DOCX, ...)")
      ->required();
  cmd->add_option("resumes", args->inputs, "resume files or directories")->required();
  cmd->add_option("--title", args->title, "the job title (optional)");
  cmd->add_option("--format", args->format, "table (default), json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->add_option("--top", args->top, "print only the best N candidates")
      ->check(CLI::Range(1, 1'000'000));
  cmd->add_option("--leniency", args->leniency, "1 (strict) .. 10 (lenient), default 5")
      ->check(CLI::Range(1, 10));
  cmd->add_option("--threads", args->threads, "screening threads, default one per core")
      ->check(CLI::Range(1, 256));
  return [cmd, args]() -> std::optional<int> {
    if (!cmd->parsed()) return std::nullopt;
    return RunScreen(*args);
  };
}

}  // namespace shortlist::cli

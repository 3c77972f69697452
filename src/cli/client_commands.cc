#include "cli/client_commands.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "cli/options.h"
#include "cli/screen_command.h"
#include "client/api_client.h"
#include "client/ranked_rows.h"
#include "client/resume_files.h"

namespace shortlist::cli {
namespace {

using nlohmann::json;

struct Connection {
  std::unique_ptr<net::HttpClient> http;
  std::unique_ptr<client::ApiClient> api;
};

// The client for --url/--token; prints why not and sets *exit_code when it cannot be made.
std::optional<Connection> Connect(const char* command, const ServerFlags& flags, int* exit_code) {
  if (flags.token.empty()) {
    std::cerr << "shortlist " << command
              << ": no API token: pass --token or set SHORTLIST_TOKEN (create one with "
                 "`shortlist token create --account NAME`)\n";
    *exit_code = 2;
    return std::nullopt;
  }
  auto http = client::NewServerHttpClient(flags.url);
  if (!http.ok()) {
    std::cerr << "shortlist " << command << ": --url: " << http.error().message << "\n";
    *exit_code = 2;
    return std::nullopt;
  }
  Connection c;
  c.http = std::move(*http);
  client::ClientConfig config;
  config.base_url = flags.url;
  config.token = flags.token;
  c.api = std::make_unique<client::ApiClient>(config, *c.http);
  return c;
}

int Fail(const char* command, const Error& error) {
  std::cerr << "shortlist " << command << ": " << client::PrintableLine(error.message) << "\n";
  return 1;
}

void PrintRows(std::vector<client::RankedRow> rows, client::OutputFormat format, const json& doc) {
  switch (format) {
    case client::OutputFormat::kTable:
      std::cout << client::FormatTable(rows);
      break;
    case client::OutputFormat::kCsv:
      std::cout << client::FormatCsv(rows);
      break;
    case client::OutputFormat::kJson:
      std::cout << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
      break;
  }
}

// Local files as API resumes; unreadable ones are named on stderr and counted.
json ReadResumes(const char* command, const std::vector<std::string>& inputs, bool with_id,
                 std::size_t* unreadable) {
  json resumes = json::array();
  for (const std::string& path : client::ExpandResumePaths(inputs)) {
    auto resume = client::ResumeFromFile(path);
    if (!resume.ok()) {
      std::cerr << "shortlist " << command << ": " << client::PrintableLine(resume.error().message)
                << " (left out)\n";
      ++*unreadable;
      continue;
    }
    if (with_id) (*resume)["id"] = (*resume)["filename"];
    resumes.push_back(std::move(*resume));
  }
  return resumes;
}

struct CommonArgs {
  ServerFlags server;
  std::string format = "table";
};

void AddFormatFlag(CLI::App* cmd, std::string* format, bool csv = true) {
  if (csv) {
    cmd->add_option("--format", *format, "table (default), json or csv")
        ->check(CLI::IsMember({"table", "json", "csv"}));
  } else {
    cmd->add_option("--format", *format, "table (default) or json")
        ->check(CLI::IsMember({"table", "json"}));
  }
}

// ---- evaluate ----

struct EvaluateArgs : CommonArgs {
  std::string job_file;
  std::vector<std::string> inputs;
  int top = 0;
};

int RunEvaluate(const EvaluateArgs& args) {
  int code = 0;
  auto conn = Connect("evaluate", args.server, &code);
  if (!conn) return code;
  auto description = ReadJobDescription(args.job_file);
  if (!description.ok()) return Fail("evaluate", description.error());
  std::size_t unreadable = 0;
  json resumes = ReadResumes("evaluate", args.inputs, true, &unreadable);
  if (resumes.empty()) {
    std::cerr << "shortlist evaluate: no readable resume file in the paths given\n";
    return 1;
  }
  auto answer = conn->api->Evaluate({{"job_description", *description}, {"resumes", resumes}});
  if (!answer.ok()) return Fail("evaluate", answer.error());
  std::vector<client::RankedRow> rows = client::RowsFromEvaluate(*answer);
  if (args.top > 0) client::KeepTop(&rows, static_cast<std::size_t>(args.top));
  answer->erase("success");
  PrintRows(rows, *client::ParseOutputFormat(args.format), *answer);
  return unreadable > 0 ? kExitSomeFilesFailed : 0;
}

// ---- results (and submit --wait) ----

struct ResultsArgs : CommonArgs {
  std::int64_t job_id = 0;
  std::optional<int> min_score;
  int top = 0;
  int page = 0;
  bool wait = false;
  int wait_seconds = 600;
};

int PrintResults(client::ApiClient& api, const ResultsArgs& args) {
  if (args.wait) {
    client::WaitOptions wait;
    wait.max_wait = std::chrono::seconds(args.wait_seconds);
    auto status = api.WaitForJob(args.job_id, wait);
    if (!status.ok()) return Fail("results", status.error());
  }
  client::ResultsQuery query;
  query.min_score = args.min_score;
  if (args.top > 0) query.only_top_n = args.top;
  query.page = args.page;
  auto results = api.GetResults(args.job_id, query);
  if (!results.ok()) {
    if (results.error().code == "too_early") {
      std::cerr << "shortlist results: job " << args.job_id
                << " is still processing (use --wait to wait for it)\n";
      return 1;
    }
    return Fail("results", results.error());
  }
  results->erase("success");
  PrintRows(client::RowsFromJobResults(*results), *client::ParseOutputFormat(args.format),
            *results);
  return 0;
}

int RunResults(const ResultsArgs& args) {
  int code = 0;
  auto conn = Connect("results", args.server, &code);
  if (!conn) return code;
  return PrintResults(*conn->api, args);
}

// ---- submit ----

struct SubmitArgs : ResultsArgs {
  std::string job_file;
  std::string title;
  std::vector<std::string> inputs;
  int leniency = 0;
};

int RunSubmit(const SubmitArgs& args) {
  int code = 0;
  auto conn = Connect("submit", args.server, &code);
  if (!conn) return code;
  auto description = ReadJobDescription(args.job_file);
  if (!description.ok()) return Fail("submit", description.error());
  std::size_t unreadable = 0;
  json resumes = ReadResumes("submit", args.inputs, false, &unreadable);
  if (resumes.empty()) {
    std::cerr << "shortlist submit: no readable resume file in the paths given\n";
    return 1;
  }
  json body = {{"title", args.title.empty() ? args.job_file : args.title},
               {"description", *description},
               {"resumes", resumes}};
  if (args.leniency > 0) body["leniency_level"] = args.leniency;
  auto created = conn->api->CreateJob(body);
  if (!created.ok()) return Fail("submit", created.error());
  const std::int64_t job_id = created->value("job_id", std::int64_t{0});
  if (!args.wait) {
    if (args.format == "json") {
      created->erase("success");
      std::cout << created->dump(2) << "\n";
    } else {
      std::cout << job_id << "\n";
    }
    std::cerr << "Job " << job_id << " accepted (" << resumes.size()
              << " resumes). Results: shortlist results " << job_id << " --wait\n";
  } else {
    ResultsArgs results = args;
    results.job_id = job_id;
    if (int printed = PrintResults(*conn->api, results); printed != 0) return printed;
  }
  return unreadable > 0 ? kExitSomeFilesFailed : 0;
}

// ---- jobs ----

struct JobsArgs : CommonArgs {
  client::ListJobsQuery query;
  std::int64_t job_id = 0;
};

std::string Text(const json& j) {
  if (j.is_null()) return "-";
  if (j.is_string()) return client::PrintableLine(j.get<std::string>());
  return j.dump();
}

int RunJobsList(const JobsArgs& args) {
  int code = 0;
  auto conn = Connect("jobs", args.server, &code);
  if (!conn) return code;
  auto jobs = conn->api->ListJobs(args.query);
  if (!jobs.ok()) return Fail("jobs", jobs.error());
  if (args.format == "json") {
    jobs->erase("success");
    std::cout << jobs->dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return 0;
  }
  std::printf("%-8s %-11s %10s %9s %-20s %s\n", "ID", "STATUS", "CANDIDATES", "TOP", "CREATED",
              "TITLE");
  for (const auto& job : jobs->value("jobs", json::array())) {
    const json summary = job.value("summary", json::object());
    std::printf("%-8s %-11s %10s %9s %-20s %s\n", Text(job.value("job_id", json())).c_str(),
                Text(job.value("status", json())).c_str(),
                Text(job.value("candidate_count", json())).c_str(),
                Text(summary.value("top_score", json())).c_str(),
                Text(job.value("created_at", json())).c_str(),
                Text(job.value("title", json())).c_str());
  }
  std::printf("page %s of %s, %s jobs\n", Text(jobs->value("current_page", json())).c_str(),
              Text(jobs->value("last_page", json())).c_str(),
              Text(jobs->value("total", json())).c_str());
  return 0;
}

int RunJobsShow(const JobsArgs& args, bool cancel) {
  const char* command = cancel ? "jobs cancel" : "jobs show";
  int code = 0;
  auto conn = Connect(command, args.server, &code);
  if (!conn) return code;
  auto job = cancel ? conn->api->CancelJob(args.job_id) : conn->api->GetJob(args.job_id);
  if (!job.ok()) return Fail(command, job.error());
  job->erase("success");
  if (args.format == "json") {
    std::cout << job->dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return 0;
  }
  for (const auto& [key, value] : job->items()) {
    if (value.is_object()) {
      for (const auto& [k, v] : value.items())
        std::cout << key << "." << k << ": " << Text(v) << "\n";
    } else {
      std::cout << key << ": " << Text(value) << "\n";
    }
  }
  return 0;
}

}  // namespace

void AddServerFlags(CLI::App* cmd, ServerFlags* flags) {
  flags->url = EnvOr("SHORTLIST_URL", "http://127.0.0.1:8080");
  flags->token = EnvOr("SHORTLIST_TOKEN", "");
  cmd->add_option("--url", flags->url, "server base URL (env SHORTLIST_URL)");
  cmd->add_option("--token", flags->token, "API token (env SHORTLIST_TOKEN)");
}

std::function<std::optional<int>()> AddClientCommands(CLI::App& app) {
  const char* kExits = " (exit codes: 0 ok, 1 server error, 2 bad usage, 3 some files unreadable)";
  auto evaluate = std::make_shared<EvaluateArgs>();
  CLI::App* evaluate_cmd = app.add_subcommand(
      "evaluate", std::string("screen files with a running server's /v1/evaluate") + kExits);
  AddServerFlags(evaluate_cmd, &evaluate->server);
  AddFormatFlag(evaluate_cmd, &evaluate->format);
  evaluate_cmd->add_option("--job", evaluate->job_file, "the job description file")->required();
  evaluate_cmd->add_option("resumes", evaluate->inputs, "resume files or directories")->required();
  evaluate_cmd->add_option("--top", evaluate->top, "print only the best N")
      ->check(CLI::Range(1, 1000));

  auto submit = std::make_shared<SubmitArgs>();
  CLI::App* submit_cmd = app.add_subcommand(
      "submit", std::string("create a screening job on a running server") + kExits);
  AddServerFlags(submit_cmd, &submit->server);
  AddFormatFlag(submit_cmd, &submit->format);
  submit_cmd->add_option("--job", submit->job_file, "the job description file")->required();
  submit_cmd->add_option("resumes", submit->inputs, "resume files or directories")->required();
  submit_cmd->add_option("--title", submit->title, "job title (default: the file name)");
  submit_cmd->add_option("--leniency", submit->leniency, "1 (strict) .. 10 (lenient)")
      ->check(CLI::Range(1, 10));
  submit_cmd->add_flag("--wait", submit->wait, "wait for the job and print its ranking");
  submit_cmd->add_option("--wait-seconds", submit->wait_seconds, "give up waiting after this")
      ->check(CLI::Range(1, 86400));
  submit_cmd->add_option("--top", submit->top, "with --wait: print only the best N")
      ->check(CLI::Range(1, 1000));

  auto results = std::make_shared<ResultsArgs>();
  CLI::App* results_cmd = app.add_subcommand(
      "results", std::string("print a job's ranked candidates from a running server") + kExits);
  AddServerFlags(results_cmd, &results->server);
  AddFormatFlag(results_cmd, &results->format);
  results_cmd->add_option("job_id", results->job_id, "the job id")
      ->required()
      ->check(CLI::PositiveNumber);
  results_cmd->add_option("--min-score", results->min_score, "only candidates scoring at least N")
      ->check(CLI::Range(0, 100));
  results_cmd->add_option("--top", results->top, "only the best N")->check(CLI::Range(1, 1000));
  results_cmd->add_option("--page", results->page, "page of 50")->check(CLI::Range(1, 1000000));
  results_cmd->add_flag("--wait", results->wait, "wait while the job is processing");
  results_cmd->add_option("--wait-seconds", results->wait_seconds, "give up waiting after this")
      ->check(CLI::Range(1, 86400));

  auto jobs = std::make_shared<JobsArgs>();
  CLI::App* jobs_cmd = app.add_subcommand(
      "jobs",
      std::string("list jobs on a running server; `jobs show ID`, `jobs cancel ID`") + kExits);
  AddServerFlags(jobs_cmd, &jobs->server);
  AddFormatFlag(jobs_cmd, &jobs->format, false);
  jobs_cmd->add_option("--status", jobs->query.status, "processing|completed|failed|cancelled")
      ->check(CLI::IsMember({"processing", "completed", "failed", "cancelled"}));
  jobs_cmd->add_option("--since", jobs->query.since, "created after this date or time");
  jobs_cmd->add_option("--limit", jobs->query.limit, "jobs per page (1-100)")
      ->check(CLI::Range(1, 100));
  jobs_cmd->add_option("--page", jobs->query.page, "page number")->check(CLI::Range(1, 1000000));
  CLI::App* show_cmd = jobs_cmd->add_subcommand("show", "one job's status and summary");
  show_cmd->add_option("job_id", jobs->job_id, "the job id")
      ->required()
      ->check(CLI::PositiveNumber);
  CLI::App* cancel_cmd = jobs_cmd->add_subcommand("cancel", "cancel a processing job");
  cancel_cmd->add_option("job_id", jobs->job_id, "the job id")
      ->required()
      ->check(CLI::PositiveNumber);
  // Flags given after `show`/`cancel` reach the parent's options.
  show_cmd->fallthrough();
  cancel_cmd->fallthrough();

  return [=]() -> std::optional<int> {
    if (evaluate_cmd->parsed()) return RunEvaluate(*evaluate);
    if (submit_cmd->parsed()) return RunSubmit(*submit);
    if (results_cmd->parsed()) return RunResults(*results);
    if (show_cmd->parsed()) return RunJobsShow(*jobs, false);
    if (cancel_cmd->parsed()) return RunJobsShow(*jobs, true);
    if (jobs_cmd->parsed()) return RunJobsList(*jobs);
    return std::nullopt;
  };
}

}  // namespace shortlist::cli

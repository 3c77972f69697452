#include "mcp/shortlist_tools.h"

#include <algorithm>
#include <string>
#include <utility>

namespace shortlist::mcp {
namespace {

using nlohmann::json;

const char* const kJobIdHint = "the job_id that screen_resumes or list_jobs returned";

std::string Pretty(const json& value) {
  return value.dump(2, ' ', false, json::error_handler_t::replace);
}

// The server's answer minus the envelope flag every success carries.
ToolResult Answer(json value) {
  if (value.is_object()) value.erase("success");
  return ToolResult::Ok(Pretty(value));
}

ToolResult FromError(const Error& error, const std::string& hint = "") {
  std::string text = error.message;
  if (error.code == "unauthorized") {
    text += " — the MCP server's token (--token / SHORTLIST_TOKEN) was refused or is missing.";
  } else if (error.code == "fetch_failed" || error.code == "fetch_timeout") {
    text += " — is the Shortlist server running at the configured --url / SHORTLIST_URL?";
  } else if (error.code == "rate_limited") {
    text += " — wait a minute and try again.";
  }
  if (!hint.empty()) text += " " + hint;
  return ToolResult::Fail(text);
}

json Integer(int minimum, int maximum, const std::string& description) {
  return {{"type", "integer"},
          {"minimum", minimum},
          {"maximum", maximum},
          {"description", description}};
}

json JobIdProperty() {
  return {{"type", "integer"},
          {"minimum", 1},
          {"description", std::string("The job id: ") + kJobIdHint}};
}

json ObjectSchema(json properties, std::vector<std::string> required = {}) {
  json schema = {
      {"type", "object"}, {"properties", std::move(properties)}, {"additionalProperties", false}};
  if (!required.empty()) schema["required"] = std::move(required);
  return schema;
}

// A Jobs API results row, reduced to what an agent needs to rank and explain.
json CompactCandidate(const json& c, int rank) {
  json out = {{"rank", rank},
              {"candidate_id", c.value("id", json())},
              {"name", c.value("name", json())},
              {"score", c.value("score", json())},
              {"qualified", c.value("qualified", false)},
              {"file", c.value("raw_analysis", json::object()).value("filename", "")},
              {"summary", c.value("summary", "")},
              {"matched_skills", c.value("matched_skills", json::array())},
              {"missing_skills", c.value("missing_skills", json::array())},
              {"strengths", c.value("strengths", json::array())},
              {"weaknesses", c.value("weaknesses", json::array())}};
  if (c.contains("error") && !c["error"].is_null()) {
    out["error"] = c["error"];
    out["rank"] = nullptr;
  }
  return out;
}

json CompactResults(const json& results) {
  json out = {{"job_id", results.value("job_id", json())},
              {"title", results.value("title", "")},
              {"status", results.value("status", "")},
              {"total_candidates", results.value("total_candidates", json())},
              {"current_page", results.value("current_page", 1)},
              {"last_page", results.value("last_page", 1)}};
  const int per_page = results.value("per_page", 50);
  int rank = (std::max(1, results.value("current_page", 1)) - 1) * per_page;
  json candidates = json::array();
  for (const auto& c : results.value("candidates", json::array())) {
    const bool failed = c.contains("error") && !c["error"].is_null();
    candidates.push_back(CompactCandidate(c, failed ? 0 : ++rank));
  }
  out["candidates"] = std::move(candidates);
  return out;
}

// "Senior Backend Engineer" from the description's first non-empty line.
std::string TitleFrom(const std::string& description) {
  std::size_t start = 0;
  while (start < description.size()) {
    std::size_t end = description.find('\n', start);
    if (end == std::string::npos) end = description.size();
    std::string line = description.substr(start, end - start);
    const auto first = line.find_first_not_of(" \t\r#*-");
    if (first != std::string::npos) {
      line = line.substr(first);
      while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
      if (line.size() > 120) {
        std::size_t cut = 117;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        line = line.substr(0, cut) + "...";
      }
      return line;
    }
    start = end + 1;
  }
  return "Screening";
}

class Tools {
 public:
  Tools(client::ApiClient& api, ShortlistToolsOptions options)
      : api_(api), options_(std::move(options)) {}

  ToolResult ScreenResumes(const json& args) {
    const std::string description = args["job_description"].get<std::string>();
    json body = {{"title", args.value("title", TitleFrom(description))},
                 {"description", description},
                 {"resumes", json::array()}};
    if (args.contains("leniency_level")) body["leniency_level"] = args["leniency_level"];
    json unreadable = json::array();
    if (!options_.local_files && args.contains("resume_paths")) {
      return ToolResult::Fail("This server reads no files: give each resume's text as content.");
    }
    for (const auto& r : args.value("resumes", json::array())) {
      const bool has_content = r.contains("content"), has_path = r.contains("path");
      if (has_path && !options_.local_files) {
        return ToolResult::Fail("This server reads no files: give each resume's text as content.");
      }
      if (has_content == has_path) {
        return ToolResult::Fail(
            "Each item of resumes needs exactly one of content (the resume's text) or path (a "
            "file on this machine).");
      }
      if (has_content) {
        body["resumes"].push_back(
            {{"filename",
              r.value("filename", "resume-" + std::to_string(body["resumes"].size() + 1) + ".txt")},
             {"content", r["content"]}});
        continue;
      }
      AddFiles({r["path"].get<std::string>()}, r.value("filename", ""), &body, &unreadable);
    }
    std::vector<std::string> paths;
    for (const auto& p : args.value("resume_paths", json::array())) paths.push_back(p);
    AddFiles(paths, "", &body, &unreadable);
    if (body["resumes"].empty()) {
      json detail = {
          {"error", "No resume to screen: give resumes (text or path) or resume_paths."}};
      if (!unreadable.empty()) detail["unreadable_files"] = unreadable;
      return ToolResult::Fail(Pretty(detail));
    }
    auto created = api_.CreateJob(body);
    if (!created.ok()) return FromError(created.error());
    const std::int64_t job_id = created->value("job_id", std::int64_t{0});
    json out = {{"job_id", job_id}, {"resumes_submitted", body["resumes"].size()}};
    if (!unreadable.empty()) out["unreadable_files"] = unreadable;
    if (!args.value("wait", true)) {
      out["status"] = created->value("status", "processing");
      out["next"] = "Call get_job_status, then get_results with this job_id.";
      return ToolResult::Ok(Pretty(out));
    }
    client::WaitOptions wait;
    wait.max_wait = std::min<std::chrono::milliseconds>(
        args.contains("wait_seconds") ? std::chrono::seconds(args["wait_seconds"].get<int>())
                                      : options_.default_wait,
        options_.max_wait);
    wait.poll_interval = options_.poll_interval;
    auto status = api_.WaitForJob(job_id, wait);
    if (!status.ok()) {
      if (status.error().code != "timeout") return FromError(status.error());
      out["status"] = "processing";
      out["next"] = status.error().message +
                    "; call get_job_status, then get_results with this job_id later.";
      return ToolResult::Ok(Pretty(out));
    }
    out["status"] = status->value("status", "");
    out["summary"] = status->value("summary", json::object());
    if (out["status"] != "completed") return ToolResult::Fail(Pretty(out));
    client::ResultsQuery query;
    if (args.contains("top_n")) query.only_top_n = args["top_n"].get<int>();
    auto results = api_.GetResults(job_id, query);
    if (!results.ok()) return FromError(results.error());
    json compact = CompactResults(*results);
    out["title"] = compact["title"];
    out["candidates"] = compact["candidates"];
    if (compact["last_page"].get<int>() > 1) {
      out["next"] = "More candidates: get_results with page 2.";
    }
    return ToolResult::Ok(Pretty(out));
  }

  ToolResult GetJobStatus(const json& args) {
    auto job = api_.GetJob(args["job_id"].get<std::int64_t>());
    if (!job.ok()) return FromError(job.error(), std::string("Use ") + kJobIdHint + ".");
    return Answer(std::move(*job));
  }

  ToolResult ListJobs(const json& args) {
    client::ListJobsQuery query;
    query.status = args.value("status", "");
    query.limit = args.value("limit", 0);
    query.page = args.value("page", 0);
    auto jobs = api_.ListJobs(query);
    if (!jobs.ok()) return FromError(jobs.error());
    return Answer(std::move(*jobs));
  }

  ToolResult GetResults(const json& args) {
    client::ResultsQuery query;
    if (args.contains("min_score")) query.min_score = args["min_score"].get<int>();
    if (args.contains("only_top_n")) query.only_top_n = args["only_top_n"].get<int>();
    query.page = args.value("page", 0);
    const std::int64_t job_id = args["job_id"].get<std::int64_t>();
    auto results = api_.GetResults(job_id, query);
    if (!results.ok()) {
      if (results.error().code == "too_early") {
        return FromError(results.error(),
                         "The job is still processing: call get_job_status until it is completed.");
      }
      return FromError(results.error());
    }
    if (args.value("detail", false)) return Answer(std::move(*results));
    return ToolResult::Ok(Pretty(CompactResults(*results)));
  }

  ToolResult Compare(const json& args) {
    std::vector<std::int64_t> ids;
    for (const auto& id : args["candidate_ids"]) ids.push_back(id.get<std::int64_t>());
    auto compared = api_.Compare(args["job_id"].get<std::int64_t>(), ids);
    if (!compared.ok()) return FromError(compared.error());
    return Answer(std::move(*compared));
  }

  ToolResult GenerateEmail(const json& args) {
    json body = {{"candidate_id", args["candidate_id"]}, {"type", args["type"]}};
    for (const char* key : {"tone", "custom_notes", "company_name"}) {
      if (args.contains(key)) body[key] = args[key];
    }
    auto email = api_.GenerateEmail(args["job_id"].get<std::int64_t>(), body);
    if (!email.ok()) return FromError(email.error());
    return Answer(std::move(*email));
  }

  ToolResult ReportOutcome(const json& args) {
    auto recorded = api_.ReportOutcome(args["job_id"].get<std::int64_t>(),
                                       args["candidate_id"].get<std::int64_t>(),
                                       args["outcome"].get<std::string>());
    if (!recorded.ok()) return FromError(recorded.error());
    return Answer(std::move(*recorded));
  }

  ToolResult CancelJob(const json& args) {
    auto cancelled = api_.CancelJob(args["job_id"].get<std::int64_t>());
    if (!cancelled.ok()) return FromError(cancelled.error());
    return Answer(std::move(*cancelled));
  }

  ToolResult CheckCredits(const json&) {
    auto balance = api_.CreditsBalance();
    if (!balance.ok()) {
      if (balance.error().field == "404") {
        return ToolResult::Fail(
            "This Shortlist server does not offer credits: GET /api/v1/credits/balance answered "
            "404. It is an older version or runs without billing; screening there is not "
            "charged in credits.");
      }
      return FromError(balance.error());
    }
    return Answer(std::move(*balance));
  }

  ToolResult ValidateToken(const json&) {
    auto valid = api_.ValidateToken();
    if (valid.ok()) return Answer(std::move(*valid));
    if (valid.error().code == "unauthorized") {
      return ToolResult::Ok(Pretty({{"valid", false}, {"error", valid.error().message}}));
    }
    if (valid.error().field != "404") return FromError(valid.error());
    // An older server: any authenticated read tells whether the token works.
    auto limit = api_.RateLimit();
    if (!limit.ok() && limit.error().code == "unauthorized") {
      return ToolResult::Ok(Pretty({{"valid", false}, {"error", limit.error().message}}));
    }
    if (!limit.ok()) return FromError(limit.error());
    json out = {{"valid", true},
                {"note",
                 "This server does not serve GET /api/v1/schema/validate; the token was checked "
                 "with GET /api/v1/rate-limit instead, so no user or credit details are shown."},
                {"rate_limit", *limit}};
    out["rate_limit"].erase("success");
    return ToolResult::Ok(Pretty(out));
  }

 private:
  void AddFiles(const std::vector<std::string>& paths, const std::string& filename, json* body,
                json* unreadable) {
    for (const std::string& path : client::ExpandResumePaths(paths)) {
      auto resume = client::ResumeFromFile(path, options_.max_file_bytes);
      if (!resume.ok()) {
        unreadable->push_back({{"path", path}, {"error", resume.error().message}});
        continue;
      }
      if (!filename.empty()) (*resume)["filename"] = filename;
      (*body)["resumes"].push_back(std::move(*resume));
    }
  }

  client::ApiClient& api_;
  ShortlistToolsOptions options_;
};

}  // namespace

const char* const kShortlistInstructions =
    "Shortlist screens resumes against a job description and ranks the candidates with an "
    "explained 0-100 score. Start with screen_resumes (it waits for the ranking by default); "
    "then get_results, compare_candidates, generate_email and report_outcome use the job_id and "
    "the candidate_id values it returns.";

namespace {

// screen_resumes, whose schema offers local files (resumes[].path, resume_paths) only where
// "this machine" is the caller's (`shortlist mcp`), never on the server's HTTP endpoint.
Tool ScreenResumesTool(std::function<ToolResult(const json&)> handler, bool local_files) {
  Tool tool{
      "screen_resumes",
      "Screen resumes against a job description: creates a screening job on the Shortlist "
      "server, waits for it (unless wait is false) and returns the candidates ranked by score "
      "with matched and missing skills and a summary for each. Resumes are given as text "
      "(resumes[].content) or as files on this machine (resumes[].path or resume_paths, which "
      "may name directories); PDF, DOCX, ODT, RTF, HTML, Markdown and text files are read.",
      ObjectSchema(
          {{"job_description",
            {{"type", "string"},
             {"minLength", 50},
             {"description", "The job description (at least 50 characters)"}}},
           {"title",
            {{"type", "string"},
             {"maxLength", 255},
             {"description", "Job title; default: the description's first line"}}},
           {"resumes",
            {{"type", "array"},
             {"maxItems", 100},
             {"items",
              ObjectSchema(
                  {{"filename", {{"type", "string"}, {"maxLength", 255}}},
                   {"content",
                    {{"type", "string"},
                     {"description", "The resume's text (at least 50 characters)"}}},
                   {"path",
                    {{"type", "string"}, {"description", "A resume file on this machine"}}}})},
             {"description", "Resumes, each with content (text) or path (a local file)"}}},
           {"resume_paths",
            {{"type", "array"},
             {"items", {{"type", "string"}}},
             {"description", "Resume files or directories on this machine"}}},
           {"leniency_level", Integer(1, 10, "1 strict .. 10 lenient; default 5")},
           {"wait",
            {{"type", "boolean"},
             {"description",
              "Wait for the ranking (default true); false returns the job_id "
              "at once"}}},
           {"wait_seconds", Integer(1, 600, "How long to wait at most (default 120)")},
           {"top_n", Integer(1, 100, "Return only the best N candidates")}},
          {"job_description"}),
      std::move(handler)};
  if (!local_files) {
    tool.description =
        "Screen resumes against a job description: creates a screening job, waits for it "
        "(unless wait is false) and returns the candidates ranked by score with matched and "
        "missing skills and a summary for each. Resumes are given as text (resumes[].content).";
    tool.input_schema["properties"].erase("resume_paths");
    json& item = tool.input_schema["properties"]["resumes"]["items"];
    item["properties"].erase("path");
    item["required"] = {"content"};
    tool.input_schema["properties"]["resumes"]["description"] = "Resumes, each with its text";
  }
  return tool;
}

}  // namespace

std::vector<Tool> ShortlistTools(client::ApiClient& api, const ShortlistToolsOptions& options) {
  auto tools = std::make_shared<Tools>(api, options);
  auto bind = [tools](ToolResult (Tools::*method)(const json&)) {
    return [tools, method](const json& args) { return ((*tools).*method)(args); };
  };
  const json job_id = JobIdProperty();
  const json candidate_id = {{"type", "integer"},
                             {"minimum", 1},
                             {"description", "A candidate's candidate_id from get_results"}};
  std::vector<Tool> out;
  out.push_back(ScreenResumesTool(bind(&Tools::ScreenResumes), options.local_files));
  out.push_back({"get_job_status",
                 "A screening job's status (processing, completed, failed, cancelled), its "
                 "candidate count, summary (qualified count, top and average score) and "
                 "estimated completion.",
                 ObjectSchema({{"job_id", job_id}}, {"job_id"}), bind(&Tools::GetJobStatus)});
  out.push_back({"list_jobs", "The account's screening jobs, newest first.",
                 ObjectSchema({{"status",
                                {{"type", "string"},
                                 {"enum", {"processing", "completed", "failed", "cancelled"}}}},
                               {"limit", Integer(1, 100, "Jobs per page (default 20)")},
                               {"page", Integer(1, 100000, "Page number")}}),
                 bind(&Tools::ListJobs)});
  out.push_back(
      {"get_results",
       "The ranked candidates of a completed job: score, qualified, summary, matched and missing "
       "skills, strengths and weaknesses (detail: true returns every field, with interview "
       "questions and the score breakdown). Fails while the job is still processing.",
       ObjectSchema(
           {{"job_id", job_id},
            {"min_score", Integer(0, 100, "Only candidates scoring at least this")},
            {"only_top_n", Integer(1, 100, "Only the best N candidates")},
            {"page", Integer(1, 100000, "Page of 50 candidates")},
            {"detail", {{"type", "boolean"}, {"description", "All fields (default false)"}}}},
           {"job_id"}),
       bind(&Tools::GetResults)});
  out.push_back({"compare_candidates",
                 "Compare candidates of one job side by side: scores, the score range, the top "
                 "candidate, and each score feature with every candidate's points.",
                 ObjectSchema({{"job_id", job_id},
                               {"candidate_ids",
                                {{"type", "array"},
                                 {"items", candidate_id},
                                 {"minItems", 1},
                                 {"maxItems", 20},
                                 {"description", "candidate_id values from get_results"}}}},
                              {"job_id", "candidate_ids"}),
                 bind(&Tools::Compare)});
  out.push_back(
      {"generate_email",
       "Draft an email to a candidate, written from what the screening found in their resume.",
       ObjectSchema(
           {{"job_id", job_id},
            {"candidate_id", candidate_id},
            {"type",
             {{"type", "string"}, {"enum", {"invite", "rejection", "keep-warm", "followup"}}}},
            {"tone",
             {{"type", "string"},
              {"enum", {"professional", "friendly", "casual", "enthusiastic", "formal"}}}},
            {"custom_notes", {{"type", "string"}, {"description", "Woven in as written"}}},
            {"company_name", {{"type", "string"}}}},
           {"job_id", "candidate_id", "type"}),
       bind(&Tools::GenerateEmail)});
  out.push_back(
      {"report_outcome",
       "Record a hiring outcome for a candidate; the account's later rankings learn "
       "from these.",
       ObjectSchema(
           {{"job_id", job_id},
            {"candidate_id", candidate_id},
            {"outcome", {{"type", "string"}, {"enum", {"hired", "rejected", "withdrawn"}}}}},
           {"job_id", "candidate_id", "outcome"}),
       bind(&Tools::ReportOutcome)});
  out.push_back({"cancel_job", "Cancel a job that is still processing.",
                 ObjectSchema({{"job_id", job_id}}, {"job_id"}), bind(&Tools::CancelJob)});
  out.push_back({"check_credits",
                 "The account's prepaid credit balance (one credit screens one candidate).",
                 ObjectSchema(json::object()), bind(&Tools::CheckCredits)});
  out.push_back({"validate_token",
                 "Check that the configured API token works, without spending credits; shows "
                 "the user and credit balance when the server reports them.",
                 ObjectSchema(json::object()), bind(&Tools::ValidateToken)});
  return out;
}

}  // namespace shortlist::mcp

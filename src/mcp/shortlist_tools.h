// The MCP tools of `shortlist mcp`: each maps to the HTTP API of a running Shortlist server
// through client::ApiClient, so an agent gets the same answers (and the same accounts,
// permissions, rate limits and credits) as any other client.
//
//   screen_resumes      POST /api/v1/jobs (resumes as text or local file paths), optionally
//                       waits and returns the ranking from GET .../results
//   get_job_status      GET /api/v1/jobs/{id}
//   list_jobs           GET /api/v1/jobs
//   get_results         GET /api/v1/jobs/{id}/results
//   compare_candidates  GET /api/v1/jobs/{id}/compare?ids=
//   generate_email      POST /api/v1/jobs/{id}/generate-email
//   report_outcome      POST /api/v1/jobs/{id}/outcome
//   cancel_job          POST /api/v1/jobs/{id}/cancel
//   check_credits       GET /api/v1/credits/balance
//   validate_token      GET /api/v1/schema/validate (falls back to GET /api/v1/rate-limit when
//                       the server does not serve it)
//
// Each tool answers one text item holding JSON (pretty-printed) so a model can read it and a
// program can parse it. Server and transport errors become isError results whose text is the
// server's own message plus a hint of what to do.
#pragma once

#include <cstddef>
#include <vector>

#include "client/api_client.h"
#include "client/resume_files.h"
#include "mcp/tool.h"

namespace shortlist::mcp {

struct ShortlistToolsOptions {
  // screen_resumes waits at most this long by default (the agent may pass wait_seconds).
  std::chrono::seconds default_wait{120};
  // ... and never longer than this, whatever wait_seconds says (POST /api/v1/mcp answers within
  // an HTTP client's timeout; past it the agent polls get_job_status).
  std::chrono::seconds max_wait{600};
  // Resumes may name files on this machine (resumes[].path, resume_paths). Off for the MCP
  // endpoint of the server (POST /api/v1/mcp), where "this machine" is the server: its tools
  // take resume text only, and their schemas do not offer paths.
  bool local_files = true;
  std::chrono::milliseconds poll_interval{250};
  std::size_t max_file_bytes = client::kMaxResumeFileBytes;  // per local resume file
};

// `api` must outlive the tools.
std::vector<Tool> ShortlistTools(client::ApiClient& api, const ShortlistToolsOptions& options = {});

// Instructions sent to the model at initialize: what the tools are for and in what order.
extern const char* const kShortlistInstructions;

}  // namespace shortlist::mcp

// Writes seed requests for fuzz_http_request into <dir>/fuzz_http_request/: one of each kind of
// call a client makes, with "$TOKEN" where the token goes.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

std::string Request(const std::string& method, const std::string& target,
                    const std::string& body = "") {
  std::string r =
      method + " " + target + " HTTP/1.1\r\nHost: fuzz\r\n" + "Authorization: Bearer $TOKEN\r\n";
  if (!body.empty()) {
    r +=
        "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  return r + "\r\n" + body;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  const std::filesystem::path dir = std::filesystem::path(argv[1]) / "fuzz_http_request";
  std::filesystem::create_directories(dir);
  const std::string job =
      R"({"title":"Backend","description":"We need a backend engineer with 5+ years of Python and Django.",)"
      R"("leniency_level":5,"webhook_conditions":{"min_score":80,"only_top_n":3},)"
      R"("resumes":[{"filename":"a.txt","content":"Alice Example, Senior Engineer, Python, Django, PostgreSQL, Docker, 2017 - Present"}]})";
  const std::vector<std::string> seeds = {
      Request("GET", "/healthz"),
      Request("GET", "/api/v1/jobs?status=processing&limit=5&page=2"),
      Request("POST", "/api/v1/jobs", job),
      Request("POST", "/api/v1/jobs/bulk", R"({"jobs":[)" + job + "]}"),
      Request("GET", "/api/v1/jobs/1"),
      Request("GET", "/api/v1/jobs/1/results?min_score=50&only_top_n=2"),
      Request("GET", "/api/v1/jobs/1/compare?ids=1,2"),
      Request("POST", "/api/v1/jobs/1/generate-email",
              R"({"candidate_id":1,"type":"interview_invite","tone":"friendly"})"),
      Request("POST", "/api/v1/jobs/1/outcome", R"({"candidate_id":1,"outcome":"hired"})"),
      Request("PATCH", "/api/v1/jobs/1/candidates/1", R"({"status":"shortlisted"})"),
      Request("POST", "/api/v1/jobs/1/cancel"),
      Request(
          "POST", "/v1/evaluate",
          R"({"job_description":"Python developer","resumes":[{"id":"r1","text":"Python, Django"}]})"),
      Request(
          "POST", "/v1/bulk-screen",
          R"({"job_description":"Python developer","resume_urls":["https://example.com/a.pdf"]})"),
      Request(
          "POST", "/v1/analyze-transcript",
          R"({"transcript":"Interviewer: Tell me about a project.\nCandidate: I led a migration.","interview_type":"behavioral"})"),
      Request("POST", "/api/v1/agent-keys", R"({"name":"bot","permissions":["read","screen"]})"),
      Request("GET", "/api/v1/credits/balance"),
      Request("POST", "/api/v1/tokens", R"({"name":"ci"})"),
      Request("GET", "/api/v1/schema/validate"),
      // HireSquire's official clients (docs/api.md, "Official clients").
      Request("GET", "/api/v1/schema"),
      Request("GET", "/api/v1/candidates/100001"),
      Request("PATCH", "/api/v1/candidates/100001/status", R"({"status":"interviewed"})"),
      Request("GET", "/api/v1/credits/estimate?candidate_count=10"),
      Request("POST", "/api/v1/mcp",
              R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_jobs"}})"),
      "POST /api/v1/jobs/upload-zip HTTP/1.1\r\nHost: fuzz\r\nAuthorization: Bearer $TOKEN\r\n"
      "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 141\r\n\r\n"
      "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nT\r\n--b\r\n"
      "Content-Disposition: form-data; name=\"zip_file\"; "
      "filename=\"a.zip\"\r\n\r\nPK\r\n--b--\r\n",
  };
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    std::ofstream(dir / ("seed-" + std::to_string(i) + ".http"), std::ios::binary) << seeds[i];
  }
  return 0;
}

// What the tests of HireSquire's official clients share (issue #24): the requests those clients
// send, written here from their published behaviour (the Node CLI 1.2.x, the Python SDK 1.2.x),
// since neither can be installed in the test environment.
#pragma once

#include <chrono>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "fixtures.h"
#include "http_client.h"

namespace shortlist::testing {

// A job of three resumes (strong, middle, weak), as `screen -r folder/` sends it.
inline nlohmann::json ThreeResumeJob() {
  return {
      {"title", kPythonJobTitle},
      {"description", kPythonJob},
      {"leniency_level", 5},
      {"resumes", nlohmann::json::array({{{"filename", "alice.txt"}, {"content", kStrongResume}},
                                         {{"filename", "bob.txt"}, {"content", kMiddleResume}},
                                         {{"filename", "carol.txt"}, {"content", kWeakResume}}})}};
}

// Polls GET /api/v1/jobs/{id} until it is no longer processing; the progress values seen are
// appended to `progress` when given. Returns the last status answer.
inline nlohmann::json WaitForJob(const HttpClient& client, std::int64_t job_id,
                                 std::vector<int>* progress = nullptr) {
  nlohmann::json status;
  for (int i = 0; i < 1500; ++i) {
    status = client.Get("/api/v1/jobs/" + std::to_string(job_id)).json();
    if (progress != nullptr && status.contains("progress")) progress->push_back(status["progress"]);
    if (status.value("status", "") != "processing") return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return status;
}

// POST /api/v1/jobs and wait for completion; the job id (0 on failure).
inline std::int64_t ScreenAndWait(const HttpClient& client, const nlohmann::json& job) {
  HttpResult created = client.Post("/api/v1/jobs", job);
  if (created.status != 202) return 0;
  const std::int64_t id = created.json()["job_id"];
  return WaitForJob(client, id).value("status", "") == "completed" ? id : 0;
}

// A multipart/form-data body as the Node form-data package and Python requests write it.
struct FormPart {
  std::string name;
  std::string value;
  std::string filename;  // "" for a plain field
};
inline const std::string kFormBoundary = "--------------------------515890814546601021194782";
inline std::string MultipartBody(const std::vector<FormPart>& parts) {
  std::string body;
  for (const auto& p : parts) {
    body += "--" + kFormBoundary + "\r\nContent-Disposition: form-data; name=\"" + p.name + "\"";
    if (!p.filename.empty()) {
      body += "; filename=\"" + p.filename + "\"\r\nContent-Type: application/zip";
    }
    body += "\r\n\r\n" + p.value + "\r\n";
  }
  return body + "--" + kFormBoundary + "--\r\n";
}
inline std::map<std::string, std::string> MultipartHeaders(
    const std::string& idempotency_key = "") {
  std::map<std::string, std::string> headers = {
      {"Content-Type", "multipart/form-data; boundary=" + kFormBoundary}};
  if (!idempotency_key.empty()) headers["Idempotency-Key"] = idempotency_key;
  return headers;
}

}  // namespace shortlist::testing

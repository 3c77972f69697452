// Hostile requests over real HTTP: whatever a client sends, the server answers with a clear
// error and keeps serving.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <future>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "fixtures.h"
#include "http_client.h"
#include "loopback_server.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using nlohmann::json;

// An array nested `depth` levels: 2 bytes a level, so 100,000 levels is ~200 KB, under the
// server's body cap and far past the depth where a recursive walk overflows the stack.
std::string DeepArray(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// A Jobs API body that is valid but for its webhook_conditions, nested `depth` levels.
std::string JobWithDeepConditions(int depth) {
  json job = {{"title", "Backend"},
              {"description", kPythonJob},
              {"resumes", json::array({{{"filename", "a.txt"}, {"content", kStrongResume}}})}};
  std::string text = job.dump();
  text.pop_back();  // the closing '}'
  return text + ",\"webhook_conditions\":{\"x\":" + DeepArray(depth) + "}}";
}

struct Route {
  std::string method;
  std::string pattern;
};

std::vector<Route> RoutesWithBodies() {
  std::string raw;
  EXPECT_EQ(RunCli({"serve", "--print-routes"}, &raw), 0) << raw;
  std::vector<Route> routes;
  std::istringstream lines(raw);
  Route r;
  while (lines >> r.method >> r.pattern) {
    if (r.method == "POST" || r.method == "PUT" || r.method == "PATCH") routes.push_back(r);
  }
  return routes;
}

// "/api/v1/jobs/{job_id}/outcome" -> "/api/v1/jobs/1/outcome"
std::string Concrete(std::string pattern) {
  for (std::size_t open; (open = pattern.find('{')) != std::string::npos;) {
    pattern.replace(open, pattern.find('}', open) - open + 1, "1");
  }
  return pattern;
}

class HostileInputTest : public ::testing::Test {
 protected:
  TempDir dir_;
};

TEST_F(HostileInputTest, DeeplyNestedConditionsAreRefusedNamingTheBody) {
  ServerProcess server(dir_.path(), {"--log-level", "warn", "--workers", "0"});
  HttpClient client(server.url(), server.first_token());
  const std::map<std::string, std::string> json_type = {{"Content-Type", "application/json"}};

  HttpResult jobs = client.Send("POST", "/api/v1/jobs", JobWithDeepConditions(100000), json_type);
  EXPECT_EQ(jobs.status, 422) << jobs.body;
  EXPECT_EQ(jobs.json()["success"], false);
  EXPECT_TRUE(jobs.json()["errors"].contains("body")) << jobs.body;
  EXPECT_NE(jobs.json()["error"].get<std::string>().find("64"), std::string::npos) << jobs.body;

  HttpResult bulk_answer = client.Send(
      "POST", "/api/v1/jobs/bulk", "{\"jobs\":[" + JobWithDeepConditions(100000) + "]}", json_type);
  EXPECT_EQ(bulk_answer.status, 422) << bulk_answer.body;

  HttpResult evaluate = client.Send("POST", "/v1/evaluate",
                                    "{\"job_description\":" + DeepArray(100000) + "}", json_type);
  EXPECT_EQ(evaluate.status, 400) << evaluate.body;

  // Nesting within the limit is JSON the server reads and answers on its merits.
  HttpResult shallow = client.Send("POST", "/api/v1/jobs", JobWithDeepConditions(60), json_type);
  EXPECT_EQ(shallow.body.find("deeper than"), std::string::npos) << shallow.body;

  EXPECT_EQ(client.Get("/healthz").status, 200);
}

TEST_F(HostileInputTest, EveryRouteWithABodySurvivesDeepNesting) {
  ServerProcess server(dir_.path(), {"--log-level", "warn", "--workers", "0"});
  HttpClient client(server.url(), server.first_token());
  const std::string deep = "{\"a\":" + DeepArray(100000) + "}";
  std::vector<Route> routes = RoutesWithBodies();
  ASSERT_GE(routes.size(), 10u);  // the route table was read
  for (const Route& route : routes) {
    HttpResult r = client.Send(route.method, Concrete(route.pattern), deep,
                               {{"Content-Type", "application/json"}});
    // A refusal, or the answer of a route that reads no body; never a 500 or a dropped
    // connection (status 0).
    EXPECT_NE(r.status, 0) << route.method << " " << route.pattern;
    EXPECT_NE(r.status, 500) << route.method << " " << route.pattern << ": " << r.body;
    ASSERT_EQ(client.Get("/healthz").status, 200)
        << "the server stopped answering after " << route.method << " " << route.pattern;
  }
}

TEST_F(HostileInputTest, SlowRequestsWaitOnTheirPoolNotOnTheIoThreads) {
  // A webhook receiver that takes 3 s to answer: POST /webhooks/test waits for it.
  net::testing::LoopbackServer slow_receiver([](const net::testing::ServerRequest&) {
    std::this_thread::sleep_for(std::chrono::seconds(3));
    return net::testing::LoopbackServer::Reply(200, "{}");
  });
  // One slow request at a time and none waiting; a single I/O thread, which a slow request
  // running on it would hold.
  ServerProcess server(dir_.path(), {"--log-level", "warn", "--workers", "0", "--io-threads", "1",
                                     "--slow-request-threads", "1", "--slow-request-queue", "0",
                                     "--url-allow-list", "127.0.0.1/32"});
  HttpClient client(server.url(), server.first_token());
  auto first = std::async(std::launch::async, [&] {
    return client.Post("/api/v1/webhooks/test", {{"url", slow_receiver.Url("/hook")}});
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the first is in its pool now

  const auto before = std::chrono::steady_clock::now();
  HttpResult health = client.Get("/healthz");
  const auto health_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - before)
                             .count();
  EXPECT_EQ(health.status, 200);
  EXPECT_LT(health_ms, 500) << "GET /healthz waited for the slow request";
  EXPECT_EQ(client.Get("/api/v1/jobs").status, 200);

  HttpResult refused = client.Post("/api/v1/webhooks/test", {{"url", slow_receiver.Url("/hook")}});
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_EQ(refused.headers["retry-after"], "1");
  EXPECT_EQ(refused.json()["success"], false);

  HttpResult answered = first.get();
  EXPECT_EQ(answered.status, 200) << answered.body;
}

TEST_F(HostileInputTest, SecretsAreNeitherCachedNorLogged) {
  const std::string log_path = dir_.path() + "/server.log";
  ServerProcess server(dir_.path(), {"--log-level", "info", "--workers", "0"}, log_path);
  HttpClient client(server.url(), server.first_token());

  HttpResult secret = client.Get("/api/v1/webhooks/secret");
  ASSERT_EQ(secret.status, 200) << secret.body;
  EXPECT_EQ(secret.headers["cache-control"], "no-store");
  HttpResult created = client.Post("/api/v1/tokens", {{"name", "ci"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.headers["cache-control"], "no-store");

  // A client that puts a whole token in the path (instead of its listed prefix).
  const std::string token = created.json()["token"].get<std::string>();
  client.Send("DELETE", "/api/v1/tokens/" + token, "");
  client.Get("/api/v1/jobs?note=" + token);
  server.Terminate();
  std::ifstream in(log_path);
  const std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(log.find("/api/v1/tokens/" + token.substr(0, 10) + "[redacted]"), std::string::npos)
      << log;
  EXPECT_EQ(log.find(token), std::string::npos) << "the whole token was logged";
  EXPECT_EQ(log.find(server.first_token()), std::string::npos);
}

json Resume(const std::string& key, std::string text) {
  return {{"filename", "r.txt"}, {key, std::move(text)}};
}

TEST_F(HostileInputTest, EveryWayOfSendingAResumeSharesOneSizeCap) {
  ServerProcess server(dir_.path(), {"--log-level", "warn", "--workers", "0"});
  HttpClient client(server.url(), server.first_token());
  const std::string big(10 * 1024 * 1024 + 1, 'a');  // one byte over 10 MiB
  auto job = [](json resumes) {
    return json{{"title", "Backend"}, {"description", kPythonJob}, {"resumes", resumes}};
  };

  HttpResult text = client.Post("/api/v1/jobs", job(json::array({Resume("content", big)})));
  EXPECT_EQ(text.status, 422) << text.body.substr(0, 300);
  EXPECT_TRUE(text.json()["errors"].contains("resumes.0.content"));

  // 14 MiB of base64 decodes to 10.5 MiB.
  HttpResult file =
      client.Post("/api/v1/jobs", job(json::array({Resume("base64", std::string(14 << 20, 'A'))})));
  EXPECT_EQ(file.status, 422);
  EXPECT_TRUE(file.json()["errors"].contains("resumes.0.base64"));

  HttpResult evaluate = client.Post(
      "/v1/evaluate", {{"job_description", kPythonJob}, {"resumes", {{{"text", big}}}}});
  EXPECT_EQ(evaluate.status, 400);
  EXPECT_TRUE(evaluate.json()["errors"].contains("resumes.0.text"));

  // Six resumes of 9 MiB each: each within its cap, 54 MiB together over the request's 50.
  json many = json::array();
  for (int i = 0; i < 6; ++i) many.push_back(Resume("content", std::string(9 << 20, 'b')));
  HttpResult together = client.Post("/api/v1/jobs", job(many));
  EXPECT_EQ(together.status, 422);
  EXPECT_TRUE(together.json()["errors"].contains("resumes.5.content")) << together.json()["errors"];
  EXPECT_FALSE(together.json()["errors"].contains("resumes.4.content"));

  // Within every cap, the same server accepts them.
  HttpResult fits =
      client.Post("/api/v1/jobs", job(json::array({Resume("content", std::string(9 << 20, 'c'))})));
  EXPECT_EQ(fits.status, 202) << fits.body.substr(0, 300);
}

// CPU seconds (user + system) process `pid` has used so far.
double CpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));  // after "pid (comm) "
  std::string field;
  double ticks = 0;
  for (int i = 3; fields >> field && i <= 15; ++i) {
    if (i == 14 || i == 15) ticks += std::stod(field);  // utime, stime
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

int ConnectTo(const std::string& url) {
  const int port = std::stoi(url.substr(url.rfind(':') + 1));
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

TEST_F(HostileInputTest, RunningOutOfFileDescriptorsNeitherSpinsNorFloodsTheLog) {
  const std::string log_path = dir_.path() + "/server.log";
  // --max-connections above what the descriptors allow, so accept() itself fails.
  ServerProcess server(dir_.path(), {"--log-level", "warn", "--max-connections", "100000"},
                       log_path);
  HttpClient client(server.url(), server.first_token());
  ASSERT_EQ(client.Get("/healthz").status, 200);
  // An operator's limit, lowered under the running server (as prlimit --nofile=128:128 does).
  rlimit limit{128, 128};
  ASSERT_EQ(prlimit(server.pid(), RLIMIT_NOFILE, &limit, nullptr), 0);

  std::vector<int> idle;
  for (int i = 0; i < 200; ++i) {
    int fd = ConnectTo(server.url());  // the kernel's backlog accepts beyond what we take
    if (fd >= 0) idle.push_back(fd);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const double cpu_before = CpuSeconds(server.pid());
  std::this_thread::sleep_for(std::chrono::seconds(3));
  const double cpu_used = CpuSeconds(server.pid()) - cpu_before;
  EXPECT_LT(cpu_used, 0.3) << "the accept loop spins while out of descriptors";

  for (int fd : idle) close(fd);
  // With descriptors free again, the server answers as before.
  // The accept loop backs off for up to a second; a slow machine may need a few more.
  bool answered = false;
  long last_status = 0;
  for (int i = 0; i < 100 && !answered; ++i) {
    last_status = client.Get("/healthz").status;
    answered = last_status == 200;
    if (!answered) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const bool alive = kill(server.pid(), 0) == 0;
  const int exit_status = server.Terminate();
  std::ifstream in(log_path);
  std::string line, tail;
  int accept_lines = 0;
  while (std::getline(in, line)) {
    accept_lines += line.find("accept failed") != std::string::npos;
    tail = (tail + line + "\n").substr(tail.size() > 4000 ? tail.size() - 4000 : 0);
  }
  EXPECT_TRUE(answered) << "last status " << last_status << ", server alive " << alive
                        << ", exit status " << exit_status << ", log:\n"
                        << tail;
  EXPECT_GE(accept_lines, 1) << "the test did not run the server out of descriptors";
  EXPECT_LE(accept_lines, 8) << "more than one log line a second";
}

}  // namespace
}  // namespace shortlist::testing

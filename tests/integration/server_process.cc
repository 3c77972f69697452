#include "server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <mutex>

#include "../support/test_postgres.h"
#include "common/crypto.h"

namespace shortlist::testing {

namespace {

// Data directory -> the PostgreSQL URL it stands for (PostgreSQL runs only).
std::mutex databases_mu;
std::map<std::string, std::string>& Databases() {
  static auto* databases = new std::map<std::string, std::string>();
  return *databases;
}

// Adds `--database URL` (and a short job lease, so a killed server's job is reclaimed within
// the tests' patience) after a `--data-dir DIR` that stands for a PostgreSQL database.
void AddDatabaseArgs(std::vector<std::string>* args, bool serve) {
  for (std::size_t i = 0; i + 1 < args->size(); ++i) {
    if ((*args)[i] != "--data-dir") continue;
    std::lock_guard<std::mutex> lock(databases_mu);
    auto it = Databases().find((*args)[i + 1]);
    if (it == Databases().end()) return;
    args->push_back("--database");
    args->push_back(it->second);
    if (serve) {
      args->push_back("--job-lease-ms");
      args->push_back("2000");
    }
    return;
  }
}

}  // namespace

bool UsingPostgres() {
  const char* backend = std::getenv("SHORTLIST_TEST_BACKEND");
  return backend != nullptr && std::string(backend) == "postgres";
}

TempDir::TempDir() {
  path_ = (std::filesystem::temp_directory_path() / ("shortlist_it_" + RandomHex(8))).string();
  std::filesystem::create_directories(path_);
  if (UsingPostgres()) {
    std::string url = FreshPostgresDatabase();
    std::lock_guard<std::mutex> lock(databases_mu);
    Databases()[path_] = url;
  }
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

namespace {

// Runs `args`; its stdout is read through *stdout_fd. Its stderr goes to `stderr_path` (appended)
// when given, else to /dev/null unless SHORTLIST_TEST_SERVER_LOGS is set.
pid_t Spawn(const std::vector<std::string>& args, int* stdout_fd,
            const std::string& stderr_path = "") {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    if (!stderr_path.empty()) {
      int log = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      if (log >= 0) dup2(log, STDERR_FILENO);
    } else {
      int devnull = open("/dev/null", O_WRONLY);
      if (devnull >= 0 && !getenv("SHORTLIST_TEST_SERVER_LOGS")) dup2(devnull, STDERR_FILENO);
    }
    close(fds[0]);
    close(fds[1]);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  *stdout_fd = fds[0];
  return pid;
}

}  // namespace

ServerProcess::ServerProcess(const std::string& data_dir, std::vector<std::string> extra_args,
                             const std::string& stderr_path) {
  Start(data_dir, std::move(extra_args), stderr_path);
}

void ServerProcess::Start(const std::string& data_dir, std::vector<std::string> extra_args,
                          const std::string& stderr_path) {
  std::vector<std::string> args = {SHORTLIST_BINARY, "serve", "--port", "0",
                                   "--data-dir",     data_dir};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  AddDatabaseArgs(&args, /*serve=*/true);
  int fd = -1;
  pid_ = Spawn(args, &fd, stderr_path);
  ASSERT_GT(pid_, 0);
  std::string out;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  // The URL line comes first; the token line (first start only) right after it, then a hint.
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    char buf[4096];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    if (out.find("Try: ") != std::string::npos ||
        out.find("Create an API token") != std::string::npos) {
      break;
    }
  }
  close(fd);
  auto url_at = out.find("listening on ");
  ASSERT_NE(url_at, std::string::npos) << "server did not start; it printed: " << out;
  url_ = out.substr(url_at + 13, out.find('\n', url_at) - url_at - 13);
  auto token_at = out.find("API token: ");
  if (token_at != std::string::npos) {
    first_token_ = out.substr(token_at + 11, out.find('\n', token_at) - token_at - 11);
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Terminate();
}

void ServerProcess::Kill(int signal) {
  if (pid_ <= 0) return;
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

int ServerProcess::Terminate() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 300; ++i) {
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    usleep(50'000);
  }
  Kill(SIGKILL);
  return -1;
}

int RunCli(const std::vector<std::string>& args, std::string* out) {
  std::vector<std::string> full = {SHORTLIST_BINARY};
  full.insert(full.end(), args.begin(), args.end());
  AddDatabaseArgs(&full, /*serve=*/full.size() > 1 && full[1] == "serve");
  int fd = -1;
  pid_t pid = Spawn(full, &fd);
  if (pid <= 0) return -1;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out->append(buf, static_cast<std::size_t>(n));
  close(fd);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string CreateToken(const std::string& data_dir, const std::string& account,
                        const std::string& plan) {
  std::string out;
  int code = RunCli(
      {"token", "create", "--account", account, "--plan", plan, "--data-dir", data_dir}, &out);
  EXPECT_EQ(code, 0) << out;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  EXPECT_EQ(out.rfind("sl_", 0), 0u) << out;
  return out;
}

}  // namespace shortlist::testing

#include "child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>

namespace shortlist::testing {
namespace {

pid_t Spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
            int* in_fd, int* out_fd, int* err_fd) {
  int in[2], out[2], err[2] = {-1, -1};
  if (pipe(in) != 0 || pipe(out) != 0) return -1;
  if (err_fd != nullptr && pipe(err) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    if (err_fd != nullptr) {
      dup2(err[1], STDERR_FILENO);
    } else if (!getenv("SHORTLIST_TEST_SERVER_LOGS")) {
      int devnull = open("/dev/null", O_WRONLY);
      if (devnull >= 0) dup2(devnull, STDERR_FILENO);
    }
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) {
      if (fd >= 0) close(fd);
    }
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    std::vector<std::string> full = {SHORTLIST_BINARY};
    full.insert(full.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : full) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  if (err_fd != nullptr) close(err[1]);
  *in_fd = in[1];
  *out_fd = out[0];
  if (err_fd != nullptr) *err_fd = err[0];
  return pid;
}

int WaitExit(pid_t pid, std::chrono::steady_clock::time_point deadline) {
  int status = 0;
  while (true) {
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (r < 0) return -1;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    usleep(10'000);
  }
}

}  // namespace

CliRun RunShortlist(const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& env, std::chrono::seconds timeout) {
  CliRun run;
  int in = -1, out = -1, err = -1;
  pid_t pid = Spawn(args, env, &in, &out, &err);
  if (pid <= 0) return run;
  close(in);  // stdin at EOF
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  pollfd fds[2] = {{out, POLLIN, 0}, {err, POLLIN, 0}};
  int open_fds = 2;
  while (open_fds > 0 && std::chrono::steady_clock::now() < deadline) {
    if (poll(fds, 2, 200) <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buf[8192];
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
        continue;
      }
      (i == 0 ? run.out : run.err).append(buf, static_cast<std::size_t>(n));
    }
  }
  for (auto& f : fds) {
    if (f.fd >= 0) close(f.fd);
  }
  run.exit_code = WaitExit(pid, deadline);
  return run;
}

InteractiveChild::InteractiveChild(const std::vector<std::string>& args,
                                   const std::map<std::string, std::string>& env) {
  signal(SIGPIPE, SIG_IGN);
  pid_ = Spawn(args, env, &in_fd_, &out_fd_, nullptr);
}

InteractiveChild::~InteractiveChild() {
  if (pid_ > 0) CloseAndWait(std::chrono::seconds(5));
  if (out_fd_ >= 0) close(out_fd_);
}

bool InteractiveChild::WriteLine(const std::string& line) {
  if (in_fd_ < 0) return false;
  std::string data = line + "\n";
  std::size_t written = 0;
  while (written < data.size()) {
    ssize_t n = write(in_fd_, data.data() + written, data.size() - written);
    if (n <= 0) return false;
    written += static_cast<std::size_t>(n);
  }
  return true;
}

std::optional<std::string> InteractiveChild::ReadLine(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto newline = buffered_.find('\n');
    if (newline != std::string::npos) {
      std::string line = buffered_.substr(0, newline);
      buffered_.erase(0, newline + 1);
      return line;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || out_fd_ < 0) return std::nullopt;
    pollfd p{out_fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char buf[8192];
    ssize_t n = read(out_fd_, buf, sizeof buf);
    if (n <= 0) return std::nullopt;
    buffered_.append(buf, static_cast<std::size_t>(n));
  }
}

int InteractiveChild::CloseAndWait(std::chrono::seconds timeout) {
  if (in_fd_ >= 0) {
    close(in_fd_);
    in_fd_ = -1;
  }
  if (pid_ <= 0) return -1;
  int code = WaitExit(pid_, std::chrono::steady_clock::now() + timeout);
  pid_ = -1;
  return code;
}

std::map<std::string, std::string> SanitizerEnv(const std::string& temp_dir) {
  const std::string path = temp_dir + "/lsan.supp";
  std::ofstream(path) << "leak:libfontconfig.so\n";
  const char* existing = getenv("LSAN_OPTIONS");
  std::string options = "suppressions=" + path;
  if (existing != nullptr && *existing) options = std::string(existing) + ":" + options;
  return {{"LSAN_OPTIONS", options}};
}

}  // namespace shortlist::testing

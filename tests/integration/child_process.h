// Runs the real `shortlist` binary as a child with pipes on stdin, stdout and stderr, for the
// command-line and MCP tests (server_process.h runs the server).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace shortlist::testing {

struct CliRun {
  int exit_code = -1;  // -1: killed by a signal or not started
  std::string out;
  std::string err;
};

// Runs `shortlist <args...>` to completion with stdin from /dev/null and `env` added to the
// environment. Killed (exit_code -1) after `timeout`.
CliRun RunShortlist(const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& env = {},
                    std::chrono::seconds timeout = std::chrono::seconds(120));

// A long-running `shortlist <args...>` spoken to line by line (the MCP stdio transport).
class InteractiveChild {
 public:
  InteractiveChild(const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env = {});
  ~InteractiveChild();  // closes stdin, then kills the child if it lingers

  bool running() const { return pid_ > 0; }
  // Writes `line` and a newline to the child's stdin.
  bool WriteLine(const std::string& line);
  // The next line of its stdout (without the newline), or nullopt at EOF or after `timeout`.
  std::optional<std::string> ReadLine(std::chrono::milliseconds timeout);
  // Closes stdin and waits for the exit code (-1 if it had to be killed).
  int CloseAndWait(std::chrono::seconds timeout = std::chrono::seconds(10));

 private:
  pid_t pid_ = -1;
  int in_fd_ = -1;
  int out_fd_ = -1;
  std::string buffered_;
};

// A suppression for LeakSanitizer in ASan builds: fontconfig (which poppler asks for fonts a PDF
// does not embed) keeps a process-wide cache it never frees. The same suppression as
// tests/ingest/lsan_suppressions.cc; nothing of ours is suppressed. Returns env entries to pass.
std::map<std::string, std::string> SanitizerEnv(const std::string& temp_dir);

}  // namespace shortlist::testing

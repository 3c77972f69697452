// Runs the real `shortlist` binary for a test: a temporary data directory, a free loopback port
// (the server is started with --port 0 and prints the one it bound), and its first API token.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace shortlist::testing {

// A fresh temporary directory, removed with the object. It stands for a whole data location:
// under SHORTLIST_TEST_BACKEND=postgres it also gets a fresh PostgreSQL schema, and every server
// and CLI command the harness starts with `--data-dir <it>` is given `--database <that URL>`
// too, so the same tests run against both databases.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class ServerProcess {
 public:
  // Starts `shortlist serve --port 0 --data-dir <data_dir> <extra_args...>` and waits until it
  // prints its URL. Fails the current test (and leaves url() empty) if it does not start.
  // `stderr_path`: a file the server's log lines are appended to ("" = not kept).
  ServerProcess(const std::string& data_dir, std::vector<std::string> extra_args = {},
                const std::string& stderr_path = "");
  ~ServerProcess();  // SIGTERM, then SIGKILL if it lingers

  const std::string& url() const { return url_; }
  // The first token, printed only on the first start of a data directory.
  const std::string& first_token() const { return first_token_; }
  pid_t pid() const { return pid_; }

  void Kill(int signal);  // sends `signal` and reaps the process
  // Sends SIGTERM and returns the exit status (or -1).
  int Terminate();

 private:
  void Start(const std::string& data_dir, std::vector<std::string> extra_args,
             const std::string& stderr_path);

  pid_t pid_ = -1;
  std::string url_;
  std::string first_token_;
};

// True when this run's servers use PostgreSQL (SHORTLIST_TEST_BACKEND=postgres).
bool UsingPostgres();

// Runs `shortlist <args...>` to completion; returns its exit code and stdout.
int RunCli(const std::vector<std::string>& args, std::string* out);

// `shortlist token create --account ACCOUNT --plan PLAN` on a data directory (creating the
// account when new); returns the printed token (failing the test when there is none).
std::string CreateToken(const std::string& data_dir, const std::string& account,
                        const std::string& plan);

}  // namespace shortlist::testing

// SandboxedExtractor: the parent side of the worker pool (design in extractor.h).
//
// Threads: any number of callers run Extract at once; each takes an idle worker (waiting while
// none is idle), talks to it without holding the lock, and gives it back or retires it. One
// spawner thread owned by the pool starts every worker, so that PR_SET_PDEATHSIG, which fires
// when the thread that started a child exits, means "the pool is gone" and not "some request
// thread ended". The pool's state (idle workers, counts, the last start error) is guarded by
// mu_; a worker in use belongs to its caller alone.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "common/log.h"
#include "common/mutex.h"
#include "ingest/extract_protocol.h"
#include "ingest/extractor.h"
#include "ingest/internal.h"

extern char** environ;

namespace shortlist::ingest {
namespace {

using SteadyClock = std::chrono::steady_clock;

// A file over this is refused before it is sent (the frame's lengths are 32-bit).
constexpr std::size_t kMaxRequestFile = std::size_t{1} << 30;
constexpr std::size_t kReadChunk = 64 << 10;
// A worker that closed its pipe is given this long to finish dying before it is killed.
constexpr std::chrono::milliseconds kExitPatience{500};
// Starting a worker may fail once by accident (a signal, a full process table for a moment);
// after this many failures in a row the pool answers errors instead of letting callers wait,
// and retries a start every second.
constexpr int kFailuresBeforeGivingUp = 3;

struct Worker {
  pid_t pid = -1;
  int to_worker = -1;    // the request pipe's write end (O_NONBLOCK)
  int from_worker = -1;  // the reply pipe's read end (O_NONBLOCK)
  int files = 0;
  std::size_t start_rss = 0;  // resident bytes when it said hello
};

std::string SystemError(const std::string& what) { return what + ": " + std::strerror(errno); }

// A worker's environment: what the locale, fontconfig, the dynamic loader and the sanitizers
// read, and the test fault switch. Never the rest: the server's environment holds secrets
// (SHORTLIST_DATABASE with its password, Stripe keys) that a compromised reader could copy
// into the text it returns.
std::vector<std::string> WorkerEnvironment() {
  static const std::string kKept =
      " HOME LANG LANGUAGE TZ TMPDIR PATH LD_LIBRARY_PATH XDG_CACHE_HOME XDG_CONFIG_HOME"
      " XDG_DATA_HOME XDG_DATA_DIRS FONTCONFIG_FILE FONTCONFIG_PATH FONTCONFIG_SYSROOT"
      " ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS ASAN_SYMBOLIZER_PATH SHORTLIST_EXTRACT_FAULT ";
  std::vector<std::string> kept;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view variable = *entry;
    const std::string_view name = variable.substr(0, variable.find('='));
    if (name.starts_with("LC_") || kKept.find(" " + std::string(name) + " ") != std::string::npos) {
      kept.emplace_back(variable);
    }
  }
  return kept;
}

void CloseFds(Worker& w) {
  if (w.to_worker >= 0) close(w.to_worker);
  if (w.from_worker >= 0) close(w.from_worker);
  w.to_worker = w.from_worker = -1;
}

// The wait status of `pid`, giving it `patience` to exit on its own before SIGKILL.
int Reap(pid_t pid, std::chrono::milliseconds patience) {
  const auto give_up = SteadyClock::now() + patience;
  int status = 0;
  for (;;) {
    const pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return status;
    if (r < 0 && errno != EINTR) return 0;  // already reaped (SIGCHLD ignored?)
    if (SteadyClock::now() >= give_up) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  kill(pid, SIGKILL);
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return 0;
  }
  return status;
}

void KillAndReap(Worker& w) {
  if (w.pid > 0) {
    kill(w.pid, SIGKILL);
    int status = 0;
    while (waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  CloseFds(w);
  w.pid = -1;
}

// Writing to a worker that died raises SIGPIPE in the writing thread; a library must not kill
// its host (the CLI does not ignore SIGPIPE), so the signal is blocked in this thread while
// writing and a SIGPIPE it caused is consumed before unblocking.
class SigpipeGuard {
 public:
  SigpipeGuard() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_, &saved_);
  }
  ~SigpipeGuard() {
    if (!was_pending_) {
      sigset_t pending;
      sigpending(&pending);
      if (sigismember(&pending, SIGPIPE) == 1) {
        const timespec zero{};
        sigtimedwait(&pipe_, nullptr, &zero);
      }
    }
    pthread_sigmask(SIG_SETMASK, &saved_, nullptr);
  }
  SigpipeGuard(const SigpipeGuard&) = delete;
  SigpipeGuard& operator=(const SigpipeGuard&) = delete;

 private:
  sigset_t pipe_;
  sigset_t saved_;
  bool was_pending_ = false;
};

enum class IoEnd { kDone, kTimeout, kClosed, kInvalid };

int PollMillis(SteadyClock::time_point deadline) {
  const auto left =
      std::chrono::ceil<std::chrono::milliseconds>(deadline - SteadyClock::now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, 60'000));
}

IoEnd WriteAll(int fd, std::string_view bytes, SteadyClock::time_point deadline) {
  while (!bytes.empty()) {
    const ssize_t n = write(fd, bytes.data(), bytes.size());
    if (n > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN) return IoEnd::kClosed;  // EPIPE: the worker is gone
    if (SteadyClock::now() >= deadline) return IoEnd::kTimeout;
    pollfd p{fd, POLLOUT, 0};
    poll(&p, 1, PollMillis(deadline));
  }
  return IoEnd::kDone;
}

// One frame from the worker into `reader`, until `deadline`.
IoEnd ReadFrame(int fd, SteadyClock::time_point deadline, protocol::FrameReader* reader,
                std::string* why) {
  char chunk[kReadChunk];
  while (!reader->Done()) {
    const ssize_t n = read(fd, chunk, std::min(sizeof chunk, reader->Wanted()));
    if (n > 0) {
      Status fed = reader->Feed(std::string_view(chunk, static_cast<std::size_t>(n)));
      if (!fed.ok()) {
        *why = fed.error().message;
        return IoEnd::kInvalid;
      }
      continue;
    }
    if (n == 0) return IoEnd::kClosed;
    if (errno == EINTR) continue;
    if (errno != EAGAIN) return IoEnd::kClosed;
    if (SteadyClock::now() >= deadline) return IoEnd::kTimeout;
    pollfd p{fd, POLLIN, 0};
    poll(&p, 1, PollMillis(deadline));
  }
  return IoEnd::kDone;
}

// Resident memory of a worker, from /proc/<pid>/statm; 0 if unknown.
std::size_t ResidentBytes(pid_t pid) {
  const std::string path = "/proc/" + std::to_string(pid) + "/statm";
  FILE* f = std::fopen(path.c_str(), "re");
  if (f == nullptr) return 0;
  unsigned long long size = 0, resident = 0;
  const int got = std::fscanf(f, "%llu %llu", &size, &resident);
  std::fclose(f);
  if (got != 2) return 0;
  return static_cast<std::size_t>(resident) * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

// The pipes to and from a new worker: `w` keeps the server's ends; the worker's ends (to become
// its fds 3 and 4) are returned in `child_in` and `child_out`, both first moved to fds >= 10 so
// that placing them on 3 and 4 in the child cannot overwrite one with the other.
Status OpenWorkerPipes(Worker* w, int* child_in, int* child_out) {
  int request[2], reply[2];
  if (pipe2(request, O_CLOEXEC) != 0) {
    return Error::Make("extract_unavailable", SystemError("pipe"));
  }
  if (pipe2(reply, O_CLOEXEC) != 0) {
    const std::string why = SystemError("pipe");
    close(request[0]);
    close(request[1]);
    return Error::Make("extract_unavailable", why);
  }
  *child_in = fcntl(request[0], F_DUPFD_CLOEXEC, 10);
  *child_out = fcntl(reply[1], F_DUPFD_CLOEXEC, 10);
  close(request[0]);
  close(reply[1]);
  w->to_worker = request[1];
  w->from_worker = reply[0];
  if (*child_in < 0 || *child_out < 0) {
    const std::string why = SystemError("fcntl");
    if (*child_in >= 0) close(*child_in);
    if (*child_out >= 0) close(*child_out);
    CloseFds(*w);
    return Error::Make("extract_unavailable", why);
  }
  return OkStatus();
}

// posix_spawn of the worker command with only /dev/null, the two pipes and a cleared
// environment; returns posix_spawn's error number (0: started, its pid in *pid).
int SpawnWorkerProcess(const SandboxOptions& options, int child_in, int child_out, pid_t* pid) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, child_in, 3);
  posix_spawn_file_actions_adddup2(&actions, child_out, 4);
  posix_spawn_file_actions_addclosefrom_np(&actions, 5);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);    // the server blocks SIGINT/SIGTERM for sigwait
  posix_spawnattr_setsigdefault(&attr, &all);  // and ignores SIGPIPE
  // A process group of its own: Ctrl-C at a terminal goes to the server's group only, and the
  // server finishes the files in hand rather than losing their workers.
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
  // argv[0] names the real binary, so `ps` shows what runs rather than /proc/self/exe.
  std::string shown = options.worker_path;
  if (shown == "/proc/self/exe") {
    char real[4096];
    const ssize_t n = readlink("/proc/self/exe", real, sizeof real - 1);
    if (n > 0) shown.assign(real, static_cast<std::size_t>(n));
  }
  std::vector<std::string> args = {shown,
                                   std::string(kExtractWorkerCommand),
                                   "--parent",
                                   std::to_string(getpid()),
                                   "--memory-limit",
                                   std::to_string(options.memory_limit_bytes),
                                   "--max-reply",
                                   std::to_string(options.max_reply_bytes)};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env = WorkerEnvironment();
  std::vector<char*> envp;
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  const int rc =
      posix_spawn(pid, options.worker_path.c_str(), &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  return rc;
}

// Reads a new worker's hello; on failure the worker is reaped and the error says why.
Status AwaitHello(Worker& w, const SandboxOptions& options, std::uint32_t* sandbox) {
  protocol::FrameReader reader(64);
  std::string why;
  const IoEnd end =
      ReadFrame(w.from_worker, SteadyClock::now() + options.start_timeout, &reader, &why);
  Result<protocol::Reply> hello = Error::Make("protocol", why);
  if (end == IoEnd::kDone) hello = protocol::DecodeReply(reader.payload());
  if (end == IoEnd::kDone && hello.ok() && hello->type == protocol::MessageType::kHello &&
      hello->version == protocol::kVersion) {
    *sandbox = hello->sandbox;
    return OkStatus();
  }
  const int status = end == IoEnd::kClosed ? Reap(w.pid, kExitPatience) : 0;
  if (end != IoEnd::kClosed) KillAndReap(w);
  CloseFds(w);
  std::string detail = "it did not answer as a worker";
  if (end == IoEnd::kTimeout) {
    detail = "it did not start in time";
  } else if (end == IoEnd::kClosed && WIFEXITED(status) &&
             WEXITSTATUS(status) == protocol::kExitMemoryTooSmall) {
    detail = "its memory limit is too small for it to start";
  } else if (end == IoEnd::kClosed && WIFEXITED(status)) {
    detail = "it exited with code " + std::to_string(WEXITSTATUS(status));
  } else if (end == IoEnd::kClosed) {
    detail = "it died at start";
  }
  return Error::Make("extract_unavailable",
                     "the document extractor " + options.worker_path + " failed: " + detail);
}

// Starts one worker and reads its hello.
Result<Worker> SpawnWorker(const SandboxOptions& options, std::uint32_t* sandbox) {
  Worker w;
  int child_in = -1, child_out = -1;
  if (Status opened = OpenWorkerPipes(&w, &child_in, &child_out); !opened.ok()) {
    return opened.error();
  }
  const int rc = SpawnWorkerProcess(options, child_in, child_out, &w.pid);
  close(child_in);
  close(child_out);
  if (rc != 0) {
    CloseFds(w);
    return Error::Make("extract_unavailable",
                       "cannot start " + options.worker_path + ": " + std::strerror(rc));
  }
  fcntl(w.to_worker, F_SETFL, fcntl(w.to_worker, F_GETFL) | O_NONBLOCK);
  fcntl(w.from_worker, F_SETFL, fcntl(w.from_worker, F_GETFL) | O_NONBLOCK);
  // Fewer wake-ups for a large file or text; the default cap for unprivileged users is 1 MiB.
  fcntl(w.to_worker, F_SETPIPE_SZ, 1 << 20);
  fcntl(w.from_worker, F_SETPIPE_SZ, 1 << 20);
  if (Status hello = AwaitHello(w, options, sandbox); !hello.ok()) return hello.error();
  w.start_rss = ResidentBytes(w.pid);
  return w;
}

std::string DisplayName(std::string_view filename) {
  return filename.empty() ? std::string("the file") : std::string(filename);
}

std::string Seconds(std::chrono::milliseconds ms) {
  char text[32];
  if (ms.count() % 1000 == 0) {
    std::snprintf(text, sizeof text, "%lld s", static_cast<long long>(ms.count() / 1000));
  } else {
    std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(ms.count()) / 1000);
  }
  return text;
}

std::string SignalName(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return abbrev != nullptr ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

// A worker that has something to say (or hung up) before it was asked is not fit for a file.
bool QuietAndAlive(const Worker& w) {
  pollfd p{w.from_worker, POLLIN, 0};
  return poll(&p, 1, 0) == 0;
}

}  // namespace

class SandboxedExtractor::Pool {
 public:
  explicit Pool(SandboxOptions options) : options_(std::move(options)) {
    options_.processes = std::max(1, options_.processes);
    spawner_ = std::thread([this] { SpawnLoop(); });
  }

  ~Pool() {
    {
      MutexLock lock(mu_);
      stopping_ = true;
      changed_.SignalAll();
    }
    spawner_.join();
    std::vector<Worker> idle;
    {
      MutexLock lock(mu_);
      idle.swap(idle_);
    }
    for (Worker& w : idle) KillAndReap(w);
  }

  // Whether a first worker started (the error if not).
  Status WaitForFirst() {
    MutexLock lock(mu_);
    while (live_ == 0 && failures_ < kFailuresBeforeGivingUp) changed_.Wait(&mu_);
    if (live_ == 0) return Error::Make("extract_unavailable", spawn_error_);
    return OkStatus();
  }

  Result<ExtractedDocument> Extract(std::string_view bytes, std::string_view filename,
                                    const ExtractLimits& limits) {
    if (Status size = internal::CheckSize(bytes, filename, limits); !size.ok()) {
      return size.error();
    }
    if (bytes.size() > kMaxRequestFile) {
      return Error::Make("file_too_large", DisplayName(filename) + ": the file is too large");
    }
    const std::string head = protocol::EncodeRequestHead(bytes.size(), filename, limits);
    auto reply = Exchange(head, bytes, filename, limits.timeout, protocol::MessageType::kDocument);
    if (!reply.ok()) return reply.error();
    return std::move(reply->document);
  }

  Result<std::vector<ArchiveFile>> Unpack(std::string_view zip, std::string_view filename,
                                          const ArchiveLimits& limits) {
    // The cap a worker applies to what it inflates, checked on the compressed bytes here too.
    if (zip.size() > limits.max_total_bytes || zip.size() > kMaxRequestFile) {
      return Error::Make("too_large", DisplayName(filename) + ": the archive is larger than " +
                                          std::to_string(limits.max_total_bytes >> 20) + " MiB");
    }
    const std::string head = protocol::EncodeUnpackHead(zip.size(), filename, limits);
    auto reply = Exchange(head, zip, filename, limits.timeout, protocol::MessageType::kArchive);
    if (!reply.ok()) return reply.error();
    // A worker answers within the limits it was given; one that does not is not believed.
    std::size_t total = 0;
    for (const ArchiveFile& f : reply->archive) total += f.bytes.size();
    if (reply->archive.size() > limits.max_files || total > limits.max_total_bytes) {
      return Error::Make("extract_crashed",
                         DisplayName(filename) + ": the archive reader answered past its limits");
    }
    return std::move(reply->archive);
  }

  SandboxStats stats() {
    MutexLock lock(mu_);
    return stats_;
  }

 private:
  void SpawnLoop() {
    for (;;) {
      {
        MutexLock lock(mu_);
        while (!stopping_ && live_ + starting_ >= options_.processes) changed_.Wait(&mu_);
        if (stopping_) return;
        ++starting_;
      }
      std::uint32_t sandbox = 0;
      Result<Worker> started = SpawnWorker(options_, &sandbox);
      Worker unwanted;
      int failures = 0;
      {
        MutexLock lock(mu_);
        --starting_;
        if (!started.ok()) {
          spawn_error_ = started.error().message;
          failures = ++failures_;
        } else if (stopping_) {
          unwanted = *started;
        } else {
          idle_.push_back(*started);
          ++live_;
          ++stats_.workers_started;
          stats_.sandbox = sandbox;
          spawn_error_.clear();
          failures_ = 0;
        }
        changed_.SignalAll();
      }
      if (unwanted.pid > 0) KillAndReap(unwanted);
      if (failures > 0) {
        if (failures == kFailuresBeforeGivingUp) {
          Log(LogLevel::kError, "cannot start a document extractor",
              {{"error", started.error().message}});
        }
        MutexLock lock(mu_);
        const auto retry = SteadyClock::now() + (failures >= kFailuresBeforeGivingUp
                                                     ? std::chrono::milliseconds(1000)
                                                     : std::chrono::milliseconds(20));
        while (!stopping_ && changed_.WaitUntil(&mu_, retry)) {
        }
      }
    }
  }

  Result<Worker> Acquire() {
    MutexLock lock(mu_);
    for (;;) {
      if (!idle_.empty()) {
        Worker w = idle_.back();
        idle_.pop_back();
        return w;
      }
      if (stopping_) return Error::Make("extract_unavailable", "shutting down");
      if (live_ == 0 && failures_ >= kFailuresBeforeGivingUp) {
        return Error::Make("extract_unavailable", spawn_error_);
      }
      changed_.Wait(&mu_);
    }
  }

  // Gives a worker back, or replaces it when it has read enough files or holds too much memory.
  void Release(Worker w) {
    const bool worn = ++w.files >= options_.max_files_per_process ||
                      ResidentBytes(w.pid) > w.start_rss + options_.recycle_growth_bytes;
    if (worn) {
      Retire(w, true);
      return;
    }
    MutexLock lock(mu_);
    idle_.push_back(w);
    changed_.SignalAll();
  }

  // Kills a worker (if still running), reaps it and lets the spawner start another.
  void Retire(Worker w, bool recycled) {
    KillAndReap(w);
    MutexLock lock(mu_);
    --live_;
    if (recycled) ++stats_.recycled;
    changed_.SignalAll();
  }

  void Count(std::uint64_t SandboxStats::*counter) {
    MutexLock lock(mu_);
    ++(stats_.*counter);
  }

  // One request on an idle worker (replacing idle workers that died meanwhile): the reply of
  // type `want`, or an error (the worker's own, or the sandbox's codes).
  Result<protocol::Reply> Exchange(std::string_view head, std::string_view bytes,
                                   std::string_view filename, std::chrono::milliseconds timeout,
                                   protocol::MessageType want) {
    for (;;) {
      Result<Worker> worker = Acquire();
      if (!worker.ok()) {
        Count(&SandboxStats::crashes);
        return Error::Make("extract_crashed", DisplayName(filename) +
                                                  ": the document reader is not available (" +
                                                  worker.error().message + ")");
      }
      // An idle worker that died (or speaks out of turn) is replaced; the file did nothing.
      if (!QuietAndAlive(*worker)) {
        Retire(*worker, false);
        continue;
      }
      return Run(*worker, head, bytes, filename, timeout, want);
    }
  }

  Result<protocol::Reply> Run(Worker& w, std::string_view head, std::string_view bytes,
                              std::string_view filename, std::chrono::milliseconds timeout,
                              protocol::MessageType want) {
    Count(&SandboxStats::files);
    const auto deadline = SteadyClock::now() + timeout + options_.kill_grace;
    const std::string name = DisplayName(filename);
    // Logged without the file's name: logs are not the place for what users upload.
    auto timed_out = [&] {
      Log(LogLevel::kWarn, "document reader stopped", {{"reason", "extract_timeout"}});
      Retire(w, false);
      Count(&SandboxStats::timeouts);
      return Error::Make("extract_timeout", name + ": reading the file took longer than the " +
                                                Seconds(timeout) + " allowed, so it was stopped");
    };
    auto crashed = [&](const std::string& how) {
      Log(LogLevel::kWarn, "document reader stopped",
          {{"reason", "extract_crashed"}, {"detail", how}});
      Retire(w, false);
      Count(&SandboxStats::crashes);
      return Error::Make("extract_crashed",
                         name + ": the document reader failed on this file (" + how + ")");
    };
    auto died = [&]() -> Error {
      const int status = Reap(w.pid, kExitPatience);
      w.pid = -1;  // reaped: Retire must not signal a pid that may be reused
      if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU) {
        Retire(w, false);
        Count(&SandboxStats::timeouts);
        return Error::Make("extract_timeout", name + ": reading the file used more than the " +
                                                  Seconds(timeout) + " of CPU allowed");
      }
      if (WIFSIGNALED(status)) return crashed("it died of " + SignalName(WTERMSIG(status)));
      return crashed("it exited with code " + std::to_string(WEXITSTATUS(status)));
    };

    IoEnd end;
    {
      SigpipeGuard no_sigpipe;
      end = WriteAll(w.to_worker, head, deadline);
      if (end == IoEnd::kDone) end = WriteAll(w.to_worker, bytes, deadline);
    }
    if (end == IoEnd::kTimeout) return timed_out();
    if (end == IoEnd::kClosed) return died();

    protocol::FrameReader reader(options_.max_reply_bytes);
    std::string why;
    end = ReadFrame(w.from_worker, deadline, &reader, &why);
    if (end == IoEnd::kTimeout) return timed_out();
    if (end == IoEnd::kClosed) return died();
    if (end == IoEnd::kInvalid) return crashed("invalid reply: " + why);
    Result<protocol::Reply> reply = protocol::DecodeReply(reader.payload());
    if (!reply.ok()) return crashed("invalid reply: " + reply.error().message);
    if (reply->type == want && want != protocol::MessageType::kError) {
      Release(w);
      return reply;
    }
    switch (reply->type) {
      case protocol::MessageType::kError: {
        Error error = std::move(reply->error);
        if (error.code == "timeout") {
          error.code = "extract_timeout";
          Count(&SandboxStats::timeouts);
        }
        Release(w);
        return error;
      }
      case protocol::MessageType::kMemory:
        // Its heap may stay large and fragmented: a fresh worker is cheaper than the risk.
        Log(LogLevel::kWarn, "document reader stopped", {{"reason", "extract_memory"}});
        Retire(w, false);
        Count(&SandboxStats::memory);
        return Error::Make("extract_memory", name + ": reading the file needed more than the " +
                                                 std::to_string(options_.memory_limit_bytes >> 20) +
                                                 " MiB of memory allowed");
      case protocol::MessageType::kDocument:
      case protocol::MessageType::kArchive:
      case protocol::MessageType::kHello:
      case protocol::MessageType::kRequest:
      case protocol::MessageType::kUnpack:
        break;
    }
    return crashed("an unexpected message");
  }

  SandboxOptions options_;
  Mutex mu_;
  CondVar changed_;  // signalled when idle_, live_, starting_ or stopping_ change
  std::vector<Worker> idle_ GUARDED_BY(mu_);
  int live_ GUARDED_BY(mu_) = 0;             // started workers, idle or in use
  int starting_ GUARDED_BY(mu_) = 0;         // being started by the spawner
  std::string spawn_error_ GUARDED_BY(mu_);  // the last start failure
  int failures_ GUARDED_BY(mu_) = 0;         // start failures in a row
  bool stopping_ GUARDED_BY(mu_) = false;
  SandboxStats stats_ GUARDED_BY(mu_);
  std::thread spawner_;  // started last: it uses everything above
};

SandboxedExtractor::SandboxedExtractor(std::unique_ptr<Pool> pool) : pool_(std::move(pool)) {}

SandboxedExtractor::~SandboxedExtractor() = default;

Result<std::unique_ptr<SandboxedExtractor>> SandboxedExtractor::Start(SandboxOptions options) {
  const int processes = options.processes;
  const std::size_t memory = options.memory_limit_bytes;
  auto pool = std::make_unique<Pool>(std::move(options));
  if (Status first = pool->WaitForFirst(); !first.ok()) return first.error();
  const std::uint32_t sandbox = pool->stats().sandbox;
  const bool netns = (sandbox & protocol::kNetworkNamespace) != 0;
  const bool seccomp = (sandbox & protocol::kSeccomp) != 0;
  Log(netns || seccomp ? LogLevel::kDebug : LogLevel::kWarn, "document extractors",
      {{"processes", processes},
       {"memory_limit_mib", static_cast<long long>(memory >> 20)},
       {"network_namespace", netns ? "yes" : "no"},
       {"seccomp", seccomp ? "yes" : "no"},
       {"memory_limit", (sandbox & protocol::kMemoryLimit) != 0 ? "yes" : "no"}});
  return std::unique_ptr<SandboxedExtractor>(new SandboxedExtractor(std::move(pool)));
}

Result<ExtractedDocument> SandboxedExtractor::Extract(std::string_view bytes,
                                                      std::string_view filename,
                                                      const ExtractLimits& limits) const {
  return pool_->Extract(bytes, filename, limits);
}

Result<std::vector<ArchiveFile>> SandboxedExtractor::Unpack(std::string_view zip,
                                                            std::string_view filename,
                                                            const ArchiveLimits& limits) const {
  return pool_->Unpack(zip, filename, limits);
}

SandboxStats SandboxedExtractor::stats() const { return pool_->stats(); }

}  // namespace shortlist::ingest

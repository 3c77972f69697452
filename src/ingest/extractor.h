// Document extraction behind an interface, and the sandbox that runs it in child processes.
//
// Why: poppler, libzip and pugixml parse untrusted files (documents, and the ZIP archives users
// upload, which Unpack opens), and a call into poppler cannot be interrupted: one PDF whose page
// stream inflates to a gigabyte held a thread for 36 s against a 10 s budget, and a memory bomb
// or a crash in those libraries would take the whole server down. So the server never parses a
// file in its own address space.
//
// Design. SandboxedExtractor keeps a small pool of pre-started worker processes: the program's
// own binary (/proc/self/exe) run as `<binary> extract-worker`, exec'd, never a bare fork of the
// multi-threaded server. Each worker reads one request at a time from a pipe (fd 3) and answers
// on another (fd 4), in the length-prefixed frames of extract_protocol.h; inside, it calls
// ingest::Extract, so the in-process and sandboxed results of a file are the same. Before its
// first file a worker:
//   - has only fds 0-2 (/dev/null, /dev/null, the parent's stderr) and its two pipes: the parent
//     opens everything O_CLOEXEC, posix_spawn closes the rest, and the worker sweeps again;
//   - dies with its parent (PR_SET_PDEATHSIG, set from the pool's own long-lived spawner thread,
//     since the signal follows the thread that forked), and sits in its own process group, so a
//     Ctrl-C meant for the server does not kill files the server is finishing;
//   - has no network: a new user + network namespace where the kernel allows it, and in any
//     case a seccomp filter refusing socket(), socketpair(), connect() and io_uring_setup();
//   - may open only fonts and their configuration, read-only, where the kernel has Landlock:
//     not the data directory, not TLS keys, not /proc/<server>/{environ,mem} (same user), and
//     (Landlock ABI 6) may not signal processes outside its sandbox;
//   - gets only the environment variables the locale, fontconfig and the sanitizers read (the
//     server's hold secrets: database URL, Stripe keys);
//   - has rlimits: RLIMIT_AS (SandboxOptions::memory_limit_bytes), RLIMIT_CPU (per file: the
//     CPU used so far + the budget + 1 s), RLIMIT_FSIZE 0, RLIMIT_NOFILE 64, RLIMIT_CORE 0;
//   - has read a tiny built-in PDF, so poppler and fontconfig are warm for the first real file.
// The parent enforces the wall-clock budget (ExtractLimits::timeout + kill_grace) by SIGKILL and
// replaces the worker; the worker's own cooperative deadline usually answers first. Outcomes a
// caller sees, besides Extract's own errors:
//   extract_timeout  over the budget: killed by the parent, SIGXCPU, or Extract's own "timeout"
//                    (renamed, so one code means "took too long" whichever clock noticed);
//   extract_memory   the worker ran out of memory (std::bad_alloc, pugixml out of memory, or a
//                    fatal signal right after an allocation failed with ENOMEM);
//   extract_crashed  the worker died on the file (signal, exit) or sent an invalid reply; also
//                    when no worker can be started at all.
// A worker is replaced after any of those, after max_files_per_process files, and when its
// resident memory has grown by recycle_growth_bytes since it started, so memory a big file took
// returns to the OS.
//
// Test-only fault switch: when the environment variable SHORTLIST_EXTRACT_FAULT (read by the
// worker at start) lists a mode (comma-separated, or "all"), a file whose name contains
// "shortlist-fault-<mode>" triggers it instead of being read:
//   crash    SIGSEGV                       hang     sleeps until killed
//   oom      allocates until refused       grow     keeps 64 MiB more, answers "grew"
//   garbage  answers an invalid frame      fds      answers its open descriptors as the text
//   read     answers the first bytes of the path given as the file's bytes
//   connect  tries TCP to the "host:port" given as the file's bytes, answers what happened
// Unset in production, it costs nothing and changes nothing; set, it only lets the named files
// misbehave inside their own worker.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "ingest/archive.h"
#include "ingest/ingest.h"

namespace shortlist::ingest {

// Reads a file's bytes into text. Implementations are thread-safe: Extract may run on many
// threads at once.
class Extractor {
 public:
  virtual ~Extractor() = default;
  // The contract of ingest::Extract (ingest.h), plus the sandbox's codes above.
  virtual Result<ExtractedDocument> Extract(std::string_view bytes, std::string_view filename,
                                            const ExtractLimits& limits) const = 0;
  // The contract of ingest::UnpackZip (archive.h), plus the sandbox's codes above; `filename`
  // (the upload's name) only names the archive in messages.
  virtual Result<std::vector<ArchiveFile>> Unpack(std::string_view zip, std::string_view filename,
                                                  const ArchiveLimits& limits) const = 0;
};

// ingest::Extract in the calling thread: for tests, fuzzing and tools, and the engine inside a
// worker. A process-wide instance; never destroyed.
const Extractor& InProcessExtractor();

struct SandboxOptions {
  // The worker executable, run as `<worker_path> extract-worker ...`. Its main must hand that
  // command to RunExtractWorker (src/main.cc does; so do the sandbox tests' own mains).
  std::string worker_path = "/proc/self/exe";
  // Worker processes, hence files read at once; callers beyond that wait for a free worker.
  int processes = 2;
  // RLIMIT_AS of a worker (its whole address space: heap, libraries, mappings). Not applied in
  // AddressSanitizer builds, whose shadow memory needs terabytes of address space.
  std::size_t memory_limit_bytes = std::size_t{512} << 20;
  // The worker's own deadline answers at ExtractLimits::timeout; the parent kills it this long
  // after, if it has not.
  std::chrono::milliseconds kill_grace{200};
  // Replace a worker after this many files, or when after a file its resident memory is this
  // much above what it was when it said hello (~25 MiB; ~200 MiB under ASan, hence a growth).
  int max_files_per_process = 500;
  std::size_t recycle_growth_bytes = std::size_t{128} << 20;
  // A reply larger than this is refused (extract_crashed); the worker answers file_too_large
  // instead of sending extracted text over it.
  std::size_t max_reply_bytes = std::size_t{128} << 20;
  // How long a starting worker may take to say hello.
  std::chrono::milliseconds start_timeout{10'000};
};

// What the pool has done; for logs and tests.
struct SandboxStats {
  std::uint64_t workers_started = 0;
  std::uint64_t files = 0;
  std::uint64_t timeouts = 0;  // extract_timeout answers
  std::uint64_t crashes = 0;   // extract_crashed answers
  std::uint64_t memory = 0;    // extract_memory answers
  std::uint64_t recycled = 0;  // workers replaced after max_files or recycle_rss
  std::uint32_t sandbox = 0;   // protocol::SandboxBits of the latest worker's hello
};

class SandboxedExtractor final : public Extractor {
 public:
  // Starts the pool and waits for its first worker to say hello (the others start in the
  // background). Error "extract_unavailable" when that worker cannot be started.
  static Result<std::unique_ptr<SandboxedExtractor>> Start(SandboxOptions options);
  // Kills the workers. No Extract call may still be running.
  ~SandboxedExtractor() override;

  Result<ExtractedDocument> Extract(std::string_view bytes, std::string_view filename,
                                    const ExtractLimits& limits) const override;
  Result<std::vector<ArchiveFile>> Unpack(std::string_view zip, std::string_view filename,
                                          const ArchiveLimits& limits) const override;

  SandboxStats stats() const;

  class Pool;  // defined in sandboxed_extractor.cc

 private:
  explicit SandboxedExtractor(std::unique_ptr<Pool> pool);
  std::unique_ptr<Pool> pool_;
};

// The subcommand that makes a binary a worker: `<binary> extract-worker ...`.
inline constexpr std::string_view kExtractWorkerCommand = "extract-worker";

// A worker's main (argv[1] is kExtractWorkerCommand): sets up the sandbox, then answers
// requests on fds 3 and 4 until the parent closes its end, and exits the process (_exit: 0 when
// the parent hung up, 2 when not started by a SandboxedExtractor). Call it first thing in main,
// before any thread starts (unshare needs a single-threaded process).
[[noreturn]] void RunExtractWorker(int argc, char** argv);

}  // namespace shortlist::ingest

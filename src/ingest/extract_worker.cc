// The extract worker: the child side of SandboxedExtractor (see extractor.h for the design).
// Runs single-threaded, one file at a time, and keeps nothing between files but warm library
// caches.
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/landlock.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "ingest/extract_protocol.h"
#include "ingest/extractor.h"
#include "ingest/internal.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SHORTLIST_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define SHORTLIST_ASAN 1
#endif

namespace shortlist::ingest {
namespace {

constexpr int kRequestFd = 3;
constexpr int kReplyFd = 4;
// Requests carry at most ExtractLimits::max_bytes of file; this only bounds a broken parent.
constexpr std::size_t kMaxRequestPayload = std::size_t{1} << 30;
constexpr rlim_t kMaxOpenFiles = 64;

struct WorkerArgs {
  pid_t parent = 0;
  std::size_t memory_limit = 0;  // bytes; 0 = none
  std::size_t max_reply = std::size_t{128} << 20;
};

bool ParseArgs(int argc, char** argv, WorkerArgs* args) {
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string_view key = argv[i];
    char* end = nullptr;
    errno = 0;
    const unsigned long long value = std::strtoull(argv[i + 1], &end, 10);
    if (errno != 0 || end == argv[i + 1] || *end != '\0') return false;
    if (key == "--parent") {
      args->parent = static_cast<pid_t>(value);
    } else if (key == "--memory-limit") {
      args->memory_limit = value;
    } else if (key == "--max-reply") {
      args->max_reply = value;
    } else {
      return false;
    }
  }
  return args->parent > 0 && argc % 2 == 0;
}

bool IsPipe(int fd) {
  struct stat st {};
  return fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode);
}

// Everything above the reply pipe goes, whatever the parent forgot to mark O_CLOEXEC.
void CloseOtherFds() {
  if (syscall(SYS_close_range, kReplyFd + 1, ~0U, 0) == 0) return;
  std::vector<int> open_fds;
  if (DIR* dir = opendir("/proc/self/fd")) {
    while (dirent* entry = readdir(dir)) {
      const int fd = std::atoi(entry->d_name);
      if (fd > kReplyFd && fd != dirfd(dir)) open_fds.push_back(fd);
    }
    closedir(dir);
  }
  for (int fd : open_fds) close(fd);
}

// A new user namespace (so an unprivileged process may create one) holding a new network
// namespace: the only interface is a loopback that is down.
bool EnterEmptyNetworkNamespace() { return unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0; }

#if defined(__x86_64__)
constexpr std::uint32_t kAuditArch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
constexpr std::uint32_t kAuditArch = AUDIT_ARCH_AARCH64;
#else
constexpr std::uint32_t kAuditArch = 0;  // seccomp not set up on other architectures
#endif

// A seccomp filter that fails socket(), socketpair(), connect() and io_uring_setup() (whose
// rings can open sockets) with EACCES, and kills the process on a foreign syscall ABI.
bool DenySockets() {
  if (kAuditArch == 0) return false;
  std::vector<sock_filter> program = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, kAuditArch, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
  };
  const auto deny = [&program](std::uint32_t nr) {
    program.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 1));
    program.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EACCES & SECCOMP_RET_DATA)));
  };
#if defined(__x86_64__)
  // x32 syscalls are the same numbers with bit 30 set: refuse that ABI altogether.
  program.push_back(BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000u, 0, 1));
  program.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EACCES & SECCOMP_RET_DATA)));
#endif
  deny(SYS_socket);
  deny(SYS_socketpair);
  deny(SYS_connect);
#ifdef SYS_io_uring_setup
  deny(SYS_io_uring_setup);
#endif
  program.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
  sock_fprog fprog{static_cast<unsigned short>(program.size()), program.data()};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return false;
  return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog) == 0;
}

// --- Landlock: what the worker may open -----------------------------------------------------
// Reading a file needs nothing from the filesystem; rendering a page needs fonts and
// fontconfig's configuration and caches. Everything else — the data directory, TLS keys, and
// above all /proc/<server>/environ and /proc/<server>/mem, which the same user could otherwise
// read — is refused. Landlock's ABI grows by versions; the constants past the system header's
// (Debian 12 ships 6.1's: ABI 1-2) are the kernel's stable values, used only when the running
// kernel reports that version.
constexpr std::uint64_t kFsTruncate = 1ull << 14;        // ABI 3
constexpr std::uint64_t kFsIoctlDev = 1ull << 15;        // ABI 5
constexpr std::uint64_t kNetBindTcp = 1ull << 0;         // ABI 4
constexpr std::uint64_t kNetConnectTcp = 1ull << 1;      // ABI 4
constexpr std::uint64_t kScopeAbstractUnix = 1ull << 0;  // ABI 6
constexpr std::uint64_t kScopeSignal = 1ull << 1;        // ABI 6: no signals outside the domain

// struct landlock_ruleset_attr as of ABI 6; its size tells the kernel which fields are set.
struct RulesetAttr {
  std::uint64_t handled_access_fs = 0;
  std::uint64_t handled_access_net = 0;
  std::uint64_t scoped = 0;
};

std::string EnvPath(const char* name, const char* suffix) {
  const char* base = std::getenv(name);
  if (base == nullptr || *base != '/') return {};
  return std::string(base) + suffix;
}

bool RestrictFilesystem() {
  const long abi =
      syscall(__NR_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
  if (abi < 1) return false;
  std::uint64_t fs =
      LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_READ_FILE |
      LANDLOCK_ACCESS_FS_READ_DIR | LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |
      LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
      LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK |
      LANDLOCK_ACCESS_FS_MAKE_SYM;
  if (abi >= 2) fs |= 1ull << 13;  // LANDLOCK_ACCESS_FS_REFER
  if (abi >= 3) fs |= kFsTruncate;
  if (abi >= 5) fs |= kFsIoctlDev;
  RulesetAttr attr;
  attr.handled_access_fs = fs;
  std::size_t size = sizeof attr.handled_access_fs;
  if (abi >= 4) {
    attr.handled_access_net = kNetBindTcp | kNetConnectTcp;  // no rule: no TCP at all
    size += sizeof attr.handled_access_net;
  }
  if (abi >= 6) {
    attr.scoped = kScopeAbstractUnix | kScopeSignal;
    size += sizeof attr.scoped;
  }
  const int ruleset = static_cast<int>(syscall(__NR_landlock_create_ruleset, &attr, size, 0));
  if (ruleset < 0) return false;
  std::uint64_t read = LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR;
#if defined(SHORTLIST_ASAN)
  read |= LANDLOCK_ACCESS_FS_EXECUTE;  // the sanitizer runs llvm-symbolizer for its reports
#endif
  const std::vector<std::string> readable = {
      "/usr",        // fonts, poppler's data, fontconfig's files, libraries
      "/etc/fonts",  // fontconfig's configuration
      "/var/cache/fontconfig",
      "/proc/self",  // the worker's own entries only
      EnvPath("HOME", "/.cache/fontconfig"),
      EnvPath("HOME", "/.fonts"),
      EnvPath("HOME", "/.local/share/fonts"),
      EnvPath("XDG_CACHE_HOME", "/fontconfig"),
      EnvPath("XDG_DATA_HOME", "/fonts"),
  };
  for (const std::string& path : readable) {
    if (path.empty()) continue;
    const int fd = open(path.c_str(), O_PATH | O_CLOEXEC);
    if (fd < 0) continue;  // not on this machine
    struct stat st {};
    fstat(fd, &st);
    landlock_path_beneath_attr beneath{};
    beneath.allowed_access =
        S_ISDIR(st.st_mode) ? read : read & ~std::uint64_t{LANDLOCK_ACCESS_FS_READ_DIR};
    beneath.parent_fd = fd;
    syscall(__NR_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &beneath, 0);
    close(fd);
  }
  const bool restricted = prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 &&
                          syscall(__NR_landlock_restrict_self, ruleset, 0) == 0;
  close(ruleset);
  return restricted;
}

bool SetLimit(int resource, rlim_t soft, rlim_t hard) {
  const rlimit limit{soft, hard};
  return setrlimit(resource, &limit) == 0;
}

// RLIMIT_CPU for the next file: what this process used so far plus the budget plus a second.
// Exceeding it sends SIGXCPU, which kills the worker.
void LimitCpuForNextFile(std::chrono::milliseconds budget) {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const rlim_t used = static_cast<rlim_t>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec);
  const rlim_t budget_s = static_cast<rlim_t>((budget.count() + 999) / 1000);
  rlimit current{};
  getrlimit(RLIMIT_CPU, &current);
  rlim_t soft = used + budget_s + 2;
  if (current.rlim_max != RLIM_INFINITY && soft > current.rlim_max) soft = current.rlim_max;
  SetLimit(RLIMIT_CPU, soft, current.rlim_max);
}

bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Reads exactly n bytes; false on end of file or error.
bool ReadAll(int fd, char* out, std::size_t n) {
  while (n > 0) {
    const ssize_t got = read(fd, out, n);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    out += got;
    n -= static_cast<std::size_t>(got);
  }
  return true;
}

// --- Out of memory on a fatal signal --------------------------------------------------------
// Allocation failures that do not throw (poppler's gmalloc aborts; C code may crash on the null
// pointer) end in SIGABRT or SIGSEGV with errno still ENOMEM. While a file is being read, the
// handler then answers "memory" before the signal takes its default course. Best effort: the
// parent still classifies a worker that dies without a reply as crashed.
volatile sig_atomic_t g_reading_file = 0;
char g_memory_frame[16];
std::size_t g_memory_frame_size = 0;
alignas(16) char g_alt_stack[64 << 10];

void OnFatalSignal(int sig) {
  const int saved_errno = errno;
  if (g_reading_file && saved_errno == ENOMEM) {
    [[maybe_unused]] ssize_t ignored = write(kReplyFd, g_memory_frame, g_memory_frame_size);
  }
  signal(sig, SIG_DFL);
  raise(sig);
}

void InstallSignalHandlers() {
  // The parent may have blocked or ignored signals (the server blocks SIGINT/SIGTERM for
  // sigwait); posix_spawn resets them, but a worker started by hand should behave the same.
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  // Writing past RLIMIT_FSIZE fails with EFBIG instead of killing (fontconfig may try to
  // refresh its cache).
  signal(SIGXFSZ, SIG_IGN);
  const std::string frame = protocol::EncodeMemory();
  std::memcpy(g_memory_frame, frame.data(), frame.size());
  g_memory_frame_size = frame.size();
  stack_t alt{};
  alt.ss_sp = g_alt_stack;
  alt.ss_size = sizeof g_alt_stack;
  sigaltstack(&alt, nullptr);
  struct sigaction action {};
  action.sa_handler = OnFatalSignal;
  action.sa_flags = SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  for (int sig : {SIGABRT, SIGSEGV, SIGBUS}) sigaction(sig, &action, nullptr);
}

// --- Test-only fault switch (extractor.h) ---------------------------------------------------
class FaultSwitch {
 public:
  FaultSwitch() {
    const char* env = std::getenv("SHORTLIST_EXTRACT_FAULT");
    if (env != nullptr) modes_ = std::string(",") + env + ",";
  }
  // The mode the file's name asks for, if that mode is enabled.
  std::string ModeFor(std::string_view filename) const {
    if (modes_.empty()) return {};
    constexpr std::string_view kMarker = "shortlist-fault-";
    const std::size_t at = filename.find(kMarker);
    if (at == std::string_view::npos) return {};
    std::string_view rest = filename.substr(at + kMarker.size());
    std::size_t end = 0;
    while (end < rest.size() && rest[end] >= 'a' && rest[end] <= 'z') ++end;
    const std::string mode(rest.substr(0, end));
    if (mode.empty()) return {};
    if (modes_.find(",all,") == std::string::npos &&
        modes_.find("," + mode + ",") == std::string::npos) {
      return {};
    }
    return mode;
  }

 private:
  std::string modes_;
};

ExtractedDocument TextDocument(std::string text) {
  ExtractedDocument doc;
  doc.kind = DocumentKind::kText;
  doc.pages = 1;
  doc.text = std::move(text);
  return doc;
}

// "connect": the outcome of a TCP connection to the host:port in `target`.
std::string TryConnect(std::string_view target) {
  const std::size_t colon = target.rfind(':');
  if (colon == std::string_view::npos) return "connect: bad target";
  const std::string host(target.substr(0, colon));
  const int port = std::atoi(std::string(target.substr(colon + 1)).c_str());
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::string("connect: socket failed: ") + std::strerror(errno);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
    close(fd);
    return "connect: bad address";
  }
  const int rc = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  const int err = errno;
  close(fd);
  if (rc == 0) return "connect: connected";
  return std::string("connect: connect failed: ") + std::strerror(err);
}

// "read": the first bytes of the file at `path`, or why it cannot be opened.
std::string TryRead(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::string("read: open failed: ") + std::strerror(errno);
  char buf[64];
  const ssize_t n = read(fd, buf, sizeof buf);
  close(fd);
  return "read: " + (n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string());
}

// "fds": one line per open descriptor, "N -> target".
std::string ListFds() {
  std::string out;
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return "fds: cannot list";
  while (dirent* entry = readdir(dir)) {
    if (entry->d_name[0] == '.') continue;
    const int fd = std::atoi(entry->d_name);
    if (fd == dirfd(dir)) continue;
    char target[512] = {};
    const std::string link = std::string("/proc/self/fd/") + entry->d_name;
    const ssize_t n = readlink(link.c_str(), target, sizeof target - 1);
    out += std::to_string(fd) + " -> " + (n > 0 ? std::string(target, n) : "?") + "\n";
  }
  closedir(dir);
  return out;
}

// Runs the fault `mode`; returns the reply frame to send (some modes never return).
std::string RunFault(const std::string& mode, std::string_view bytes, const WorkerArgs& args) {
  if (mode == "crash") {
    raise(SIGSEGV);
  } else if (mode == "hang") {
    for (;;) pause();
  } else if (mode == "oom") {
    // Allocates and touches memory until the address-space limit refuses it. Without a limit
    // (AddressSanitizer builds) it stops at the configured limit and fails as if refused.
    std::vector<std::unique_ptr<char[]>> blocks;
    const std::size_t cap = args.memory_limit == 0 ? (std::size_t{1} << 30) : args.memory_limit;
    for (std::size_t total = 0; total < cap; total += 1 << 20) {
      blocks.emplace_back(new char[1 << 20]);
      std::memset(blocks.back().get(), 1, 1 << 20);
    }
    throw std::bad_alloc();
  } else if (mode == "grow") {
    // Memory a file took and the allocator keeps: the parent should replace this worker.
    static std::vector<std::unique_ptr<char[]>> kept;
    for (int i = 0; i < 64; ++i) {
      kept.emplace_back(new char[1 << 20]);
      std::memset(kept.back().get(), 1, 1 << 20);
    }
    return protocol::EncodeDocument(TextDocument("grew"));
  } else if (mode == "garbage") {
    return std::string(protocol::kHeaderBytes, '\x7f') + "not a frame";
  } else if (mode == "connect") {
    return protocol::EncodeDocument(TextDocument(TryConnect(bytes.substr(0, 64))));
  } else if (mode == "fds") {
    return protocol::EncodeDocument(TextDocument(ListFds()));
  } else if (mode == "read") {
    return protocol::EncodeDocument(TextDocument(TryRead(std::string(bytes.substr(0, 4096)))));
  }
  return protocol::EncodeError(Error::Make("corrupt_file", "unknown fault mode " + mode));
}

// A one-page PDF with a line of text, read once at start so poppler and fontconfig load their
// caches before the first real file.
std::string WarmUpPdf() {
  const std::string content = "BT /F1 12 Tf 72 720 Td (Warm up) Tj ET\n";
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R "
      ">> >> /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
  };
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// One file: the reply frame.
std::string Answer(const protocol::Request& request, const WorkerArgs& args,
                   const FaultSwitch& faults) {
  try {
    if (std::string mode = faults.ModeFor(request.filename); !mode.empty()) {
      return RunFault(mode, request.bytes, args);
    }
    if (request.unpack) {
      auto files = UnpackZip(request.bytes, request.archive);
      if (!files.ok()) return protocol::EncodeError(files.error());
      std::string frame = protocol::EncodeArchive(*files);
      if (frame.size() - protocol::kHeaderBytes > args.max_reply) {
        return protocol::EncodeError(
            Error::Make("too_large", "the archive's files are over " +
                                         std::to_string(args.max_reply >> 20) + " MiB together"));
      }
      return frame;
    }
    auto doc =
        internal::ExtractLettingBadAllocThrough(request.bytes, request.filename, request.limits);
    if (!doc.ok()) return protocol::EncodeError(doc.error());
    std::string frame = protocol::EncodeDocument(*doc);
    if (frame.size() - protocol::kHeaderBytes > args.max_reply) {
      return protocol::EncodeError(Error::Make(
          "file_too_large", std::string(request.filename.empty() ? "the file" : request.filename) +
                                ": the text extracted is over " +
                                std::to_string(args.max_reply >> 20) + " MiB"));
    }
    return frame;
  } catch (const std::bad_alloc&) {
    return protocol::EncodeMemory();
  }
}

}  // namespace

namespace {

int Serve(int argc, char** argv) {
  WorkerArgs args;
  if (!ParseArgs(argc, argv, &args) || !IsPipe(kRequestFd) || !IsPipe(kReplyFd)) {
    static const char kUsage[] =
        "extract-worker: started by the server's document extractor, not by hand\n";
    [[maybe_unused]] ssize_t ignored = write(STDERR_FILENO, kUsage, sizeof kUsage - 1);
    return 2;
  }
  CloseOtherFds();
  InstallSignalHandlers();
  std::uint32_t sandbox = 0;
  if (EnterEmptyNetworkNamespace()) sandbox |= protocol::kNetworkNamespace;
  // After unshare: a change of credentials may clear the death signal. If the parent is
  // already gone, the signal will never come.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != args.parent) return 0;
#if !defined(SHORTLIST_ASAN)
  if (args.memory_limit > 0 && SetLimit(RLIMIT_AS, static_cast<rlim_t>(args.memory_limit),
                                        static_cast<rlim_t>(args.memory_limit))) {
    sandbox |= protocol::kMemoryLimit;
  }
#endif
  SetLimit(RLIMIT_FSIZE, 0, 0);
  SetLimit(RLIMIT_CORE, 0, 0);
  SetLimit(RLIMIT_NOFILE, kMaxOpenFiles, kMaxOpenFiles);
  if (RestrictFilesystem()) sandbox |= protocol::kLandlock;
  if (DenySockets()) sandbox |= protocol::kSeccomp;
  const FaultSwitch faults;
  {
    // Under the limits already, so a worker that cannot read a PDF fails here, not on a file.
    ExtractLimits warm;
    warm.timeout = std::chrono::seconds(10);
    try {
      (void)internal::ExtractLettingBadAllocThrough(WarmUpPdf(), "warm-up.pdf", warm);
    } catch (const std::bad_alloc&) {
      return protocol::kExitMemoryTooSmall;
    }
  }
  if (!WriteAll(kReplyFd, protocol::EncodeHello(sandbox))) return 0;

  std::string payload;
  for (;;) {
    char header[protocol::kHeaderBytes];
    if (!ReadAll(kRequestFd, header, sizeof header)) return 0;  // the parent hung up
    protocol::FrameReader frame(kMaxRequestPayload);
    if (!frame.Feed(std::string_view(header, sizeof header)).ok()) return 2;
    payload.resize(frame.Wanted());
    if (!ReadAll(kRequestFd, payload.data(), payload.size())) return 0;
    auto request = protocol::DecodeRequest(payload);
    if (!request.ok()) return 2;
    LimitCpuForNextFile(request->limits.timeout);
    errno = 0;
    g_reading_file = 1;
    std::string reply = Answer(*request, args, faults);
    g_reading_file = 0;
    if (!WriteAll(kReplyFd, reply)) return 0;
    // The request buffer of a 10 MiB file is not kept for the life of the worker.
    if (payload.capacity() > (std::size_t{1} << 20)) std::string().swap(payload);
  }
}

}  // namespace

void RunExtractWorker(int argc, char** argv) {
  // _exit: no static destructors or leak checks run in a worker; it holds nothing to flush.
  _exit(Serve(argc, argv));
}

}  // namespace shortlist::ingest

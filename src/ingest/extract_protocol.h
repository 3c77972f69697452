// The pipe protocol between SandboxedExtractor (the parent) and an extract worker (the child).
// Internal to shortlist_ingest, its tests and its fuzz target.
//
// Every message is one frame: an 8-byte header (magic "SLX1", payload length, both u32
// little-endian) and the payload. Payload fields are u8/u32/u64 little-endian and strings as u32
// length + bytes. The parent sends one request per file; the child answers with exactly one
// reply, after a hello once at start:
//
//   request   u8 type=16, u64 max_bytes, u32 max_pages, u64 max_uncompressed,
//             u64 max_compression_ratio (IEEE-754 bits), u64 timeout_ms, u8 render_pdf_pages,
//             str filename, str bytes
//   unpack    u8 type=17, u64 max_entries, u64 max_files, u64 max_file_bytes,
//             u64 max_total_bytes, u64 max_compression_ratio (bits), u64 timeout_ms,
//             str filename, str bytes (a ZIP archive: ingest/archive.h)
//   hello     u8 type=1, u32 version, u32 sandbox (SandboxBits)
//   document  u8 type=2, u8 kind, u32 pages, str text, str hidden_text, u32 n, n × str flag
//   error     u8 type=3, str code, str message
//   memory    u8 type=4 (the child ran out of memory on this file)
//   archive   u8 type=5, u32 n, n × (str path, str bytes) (the answer to unpack)
//
// The parent never trusts the child: a length over the parent's cap, a bad magic, a truncated
// or oversized field, an unknown type or kind, a code outside Extract's list or trailing bytes
// make the reply invalid (and the child is replaced). Buffers grow with the bytes actually
// received, never with a length the child claims.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "ingest/archive.h"
#include "ingest/ingest.h"

namespace shortlist::ingest::protocol {

inline constexpr std::uint32_t kMagic = 0x31584c53;  // "SLX1" read as little-endian
inline constexpr std::size_t kHeaderBytes = 8;
inline constexpr std::uint32_t kVersion = 2;  // 2: unpack and archive

// Field caps a valid reply never exceeds.
inline constexpr std::size_t kMaxFlags = 16;
inline constexpr std::size_t kMaxFlagBytes = 64;
inline constexpr std::size_t kMaxCodeBytes = 64;
inline constexpr std::size_t kMaxMessageBytes = 4096;
inline constexpr std::size_t kMaxFilenameBytes = 4096;
inline constexpr std::uint32_t kMaxPages = 1'000'000;
inline constexpr std::size_t kMaxArchiveFiles = 10'000;

enum class MessageType : std::uint8_t {
  kHello = 1,
  kDocument = 2,
  kError = 3,
  kMemory = 4,
  kArchive = 5,
  kRequest = 16,
  kUnpack = 17,
};

// A worker's exit code when even its warm-up file does not fit in the memory limit.
inline constexpr int kExitMemoryTooSmall = 3;

// What a worker managed to set up, reported in its hello.
enum SandboxBits : std::uint32_t {
  kNetworkNamespace = 1u << 0,  // unshare(CLONE_NEWUSER | CLONE_NEWNET) succeeded
  kSeccomp = 1u << 1,           // socket(), connect(), io_uring_setup() are refused
  kMemoryLimit = 1u << 2,       // RLIMIT_AS is set (not under AddressSanitizer)
  kLandlock = 1u << 3,          // Landlock: reads only fonts and their configuration
};

// A whole frame (header + payload) for each message.
std::string EncodeHello(std::uint32_t sandbox);
std::string EncodeDocument(const ExtractedDocument& doc);
std::string EncodeError(const Error& error);
std::string EncodeMemory();
std::string EncodeArchive(const std::vector<ArchiveFile>& files);
// A request frame without its file bytes, which the caller writes right after it (so a 10 MiB
// file is not copied into the frame).
std::string EncodeRequestHead(std::size_t file_bytes, std::string_view filename,
                              const ExtractLimits& limits);
// The same for an unpack request (a ZIP archive's files, not its text).
std::string EncodeUnpackHead(std::size_t zip_bytes, std::string_view filename,
                             const ArchiveLimits& limits);

struct Request {
  bool unpack = false;        // an unpack request: `archive` applies, not `limits`
  ExtractLimits limits;       // limits.timeout is set for both kinds
  ArchiveLimits archive;      // unpack only
  std::string_view filename;  // views into the decoded payload
  std::string_view bytes;
};
// Decodes a request payload (the frame without its header). Error code "protocol".
Result<Request> DecodeRequest(std::string_view payload);

struct Reply {
  MessageType type = MessageType::kError;
  std::uint32_t version = 0;         // kHello
  std::uint32_t sandbox = 0;         // kHello
  ExtractedDocument document;        // kDocument
  std::vector<ArchiveFile> archive;  // kArchive
  Error error;                       // kError
};
// Decodes and validates a reply payload. Error code "protocol", with what was wrong.
Result<Reply> DecodeReply(std::string_view payload);

// Collects one frame from a byte stream read in pieces. Feed at most Wanted() bytes at a time;
// once Done(), payload() is the frame's payload. A bad magic or a length over `max_payload`
// fails at once, before any payload is buffered.
class FrameReader {
 public:
  explicit FrameReader(std::size_t max_payload) : max_payload_(max_payload) {}

  // How many bytes the frame still needs (0 when Done()).
  std::size_t Wanted() const;
  Status Feed(std::string_view bytes);
  bool Done() const { return have_header_ && buffer_.size() == payload_size_; }
  std::string_view payload() const { return buffer_; }

 private:
  std::size_t max_payload_;
  char header_[kHeaderBytes] = {};
  std::size_t header_filled_ = 0;
  bool have_header_ = false;
  std::size_t payload_size_ = 0;
  std::string buffer_;
};

}  // namespace shortlist::ingest::protocol

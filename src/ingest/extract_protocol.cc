#include "ingest/extract_protocol.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>

namespace shortlist::ingest::protocol {
namespace {

Error Invalid(std::string what) { return Error::Make("protocol", std::move(what)); }

class Writer {
 public:
  // Reserves the header; Finish() fills it in with the final payload length.
  Writer() { out_.resize(kHeaderBytes); }

  void U8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  void U64(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  void Str(std::string_view s) {
    U32(static_cast<std::uint32_t>(s.size()));
    out_.append(s);
  }
  // `extra` payload bytes follow the frame (written separately by the caller).
  std::string Finish(std::size_t extra = 0) && {
    const std::uint64_t payload = out_.size() - kHeaderBytes + extra;
    PutU32(0, kMagic);
    PutU32(4, static_cast<std::uint32_t>(payload));
    return std::move(out_);
  }

 private:
  void PutU32(std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out_[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
  }
  std::string out_;
};

std::uint32_t LoadU32(const char* p) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

// Reads fields off a payload; every read checks the bytes left first.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  bool U8(std::uint8_t* v) {
    if (in_.size() < 1) return false;
    *v = static_cast<unsigned char>(in_[0]);
    in_.remove_prefix(1);
    return true;
  }
  bool U32(std::uint32_t* v) {
    if (in_.size() < 4) return false;
    *v = LoadU32(in_.data());
    in_.remove_prefix(4);
    return true;
  }
  bool U64(std::uint64_t* v) {
    std::uint32_t lo = 0, hi = 0;
    if (in_.size() < 8 || !U32(&lo) || !U32(&hi)) return false;
    *v = (static_cast<std::uint64_t>(hi) << 32) | lo;
    return true;
  }
  bool Str(std::string_view* s, std::size_t max) {
    std::uint32_t n = 0;
    if (!U32(&n) || n > max || n > in_.size()) return false;
    *s = in_.substr(0, n);
    in_.remove_prefix(n);
    return true;
  }
  bool AtEnd() const { return in_.empty(); }

 private:
  std::string_view in_;
};

std::uint64_t RatioBits(double ratio) {
  std::uint64_t bits = 0;
  static_assert(sizeof bits == sizeof ratio);
  std::memcpy(&bits, &ratio, sizeof bits);
  return bits;
}

// A finite, positive ratio from its bits, or nullopt.
std::optional<double> Ratio(std::uint64_t bits) {
  double ratio = 0;
  std::memcpy(&ratio, &bits, sizeof ratio);
  if (!std::isfinite(ratio) || ratio <= 0) return std::nullopt;
  return ratio;
}

constexpr std::uint64_t kMaxTimeoutMs = 24ull * 3600 * 1000;

bool ValidUtf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if ((c & 0xe0) == 0xc0) {
      len = 2;
      cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      len = 3;
      cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (n - i < len) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    // Overlong forms, surrogates and code points past Unicode's end.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
      return false;
    }
    i += len;
  }
  return true;
}

// Error codes and flags are snake_case words.
bool ValidCode(std::string_view code) {
  if (code.empty()) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

std::string EncodeHello(std::uint32_t sandbox) {
  Writer w;
  w.U8(static_cast<std::uint8_t>(MessageType::kHello));
  w.U32(kVersion);
  w.U32(sandbox);
  return std::move(w).Finish();
}

std::string EncodeDocument(const ExtractedDocument& doc) {
  Writer w;
  w.U8(static_cast<std::uint8_t>(MessageType::kDocument));
  w.U8(static_cast<std::uint8_t>(doc.kind));
  w.U32(static_cast<std::uint32_t>(std::max(0, doc.pages)));
  w.Str(doc.text);
  w.Str(doc.hidden_text);
  const std::size_t flags = std::min(doc.flags.size(), kMaxFlags);
  w.U32(static_cast<std::uint32_t>(flags));
  for (std::size_t i = 0; i < flags; ++i) w.Str(doc.flags[i]);
  return std::move(w).Finish();
}

std::string EncodeError(const Error& error) {
  Writer w;
  w.U8(static_cast<std::uint8_t>(MessageType::kError));
  w.Str(std::string_view(error.code).substr(0, kMaxCodeBytes));
  // Cut on a character boundary so the message stays valid UTF-8.
  std::string_view message = error.message;
  if (message.size() > kMaxMessageBytes) {
    std::size_t cut = kMaxMessageBytes;
    while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xc0) == 0x80) --cut;
    message = message.substr(0, cut);
  }
  w.Str(message);
  return std::move(w).Finish();
}

std::string EncodeMemory() {
  Writer w;
  w.U8(static_cast<std::uint8_t>(MessageType::kMemory));
  return std::move(w).Finish();
}

std::string EncodeArchive(const std::vector<ArchiveFile>& files) {
  Writer w;
  w.U8(static_cast<std::uint8_t>(MessageType::kArchive));
  const std::size_t n = std::min(files.size(), kMaxArchiveFiles);
  w.U32(static_cast<std::uint32_t>(n));
  for (std::size_t i = 0; i < n; ++i) {
    w.Str(std::string_view(files[i].path).substr(0, kMaxFilenameBytes));
    w.Str(files[i].bytes);
  }
  return std::move(w).Finish();
}

std::string EncodeUnpackHead(std::size_t zip_bytes, std::string_view filename,
                             const ArchiveLimits& limits) {
  Writer w;
  w.U8(static_cast<std::uint8_t>(MessageType::kUnpack));
  w.U64(limits.max_entries);
  w.U64(limits.max_files);
  w.U64(limits.max_file_bytes);
  w.U64(limits.max_total_bytes);
  w.U64(RatioBits(limits.max_compression_ratio));
  w.U64(static_cast<std::uint64_t>(std::max<std::int64_t>(0, limits.timeout.count())));
  w.Str(filename.substr(0, kMaxFilenameBytes));
  w.U32(static_cast<std::uint32_t>(zip_bytes));
  return std::move(w).Finish(zip_bytes);
}

std::string EncodeRequestHead(std::size_t file_bytes, std::string_view filename,
                              const ExtractLimits& limits) {
  Writer w;
  w.U8(static_cast<std::uint8_t>(MessageType::kRequest));
  w.U64(limits.max_bytes);
  w.U32(static_cast<std::uint32_t>(std::max(0, limits.max_pages)));
  w.U64(limits.max_uncompressed);
  w.U64(RatioBits(limits.max_compression_ratio));
  w.U64(static_cast<std::uint64_t>(std::max<std::int64_t>(0, limits.timeout.count())));
  w.U8(limits.render_pdf_pages ? 1 : 0);
  w.Str(filename.substr(0, kMaxFilenameBytes));
  w.U32(static_cast<std::uint32_t>(file_bytes));
  return std::move(w).Finish(file_bytes);
}

namespace {

// The rest of an unpack request, after its type.
Result<Request> DecodeUnpack(Reader& r, std::size_t payload_size) {
  Request req;
  req.unpack = true;
  std::uint64_t entries = 0, files = 0, file_bytes = 0, total = 0, ratio_bits = 0, timeout_ms = 0;
  if (!r.U64(&entries) || !r.U64(&files) || !r.U64(&file_bytes) || !r.U64(&total) ||
      !r.U64(&ratio_bits) || !r.U64(&timeout_ms) || !r.Str(&req.filename, kMaxFilenameBytes) ||
      !r.Str(&req.bytes, payload_size) || !r.AtEnd()) {
    return Invalid("a truncated or oversized unpack request");
  }
  const std::optional<double> ratio = Ratio(ratio_bits);
  if (!ratio || files > kMaxArchiveFiles || timeout_ms > kMaxTimeoutMs) {
    return Invalid("unpack limits out of range");
  }
  req.archive.max_entries = entries;
  req.archive.max_files = files;
  req.archive.max_file_bytes = file_bytes;
  req.archive.max_total_bytes = total;
  req.archive.max_compression_ratio = *ratio;
  req.archive.timeout = std::chrono::milliseconds(timeout_ms);
  req.limits.timeout = req.archive.timeout;
  return req;
}

// The rest of an archive reply, after its type.
Result<Reply> DecodeArchive(Reader& r, std::size_t payload_size) {
  Reply reply;
  reply.type = MessageType::kArchive;
  std::uint32_t n = 0;
  if (!r.U32(&n) || n > kMaxArchiveFiles) return Invalid("an archive of too many files");
  for (std::uint32_t i = 0; i < n; ++i) {
    std::string_view path, bytes;
    if (!r.Str(&path, kMaxFilenameBytes) || !r.Str(&bytes, payload_size)) {
      return Invalid("a truncated archive");
    }
    if (path.empty() || bytes.empty()) return Invalid("an archive file without a path or bytes");
    reply.archive.push_back({std::string(path), std::string(bytes)});
  }
  if (!r.AtEnd()) return Invalid("trailing bytes after an archive");
  return reply;
}

}  // namespace

Result<Request> DecodeRequest(std::string_view payload) {
  Reader r(payload);
  Request req;
  std::uint8_t type = 0, render = 0;
  std::uint32_t max_pages = 0;
  std::uint64_t max_bytes = 0, max_uncompressed = 0, ratio_bits = 0, timeout_ms = 0;
  if (!r.U8(&type)) return Invalid("not a request");
  if (type == static_cast<std::uint8_t>(MessageType::kUnpack)) {
    return DecodeUnpack(r, payload.size());
  }
  if (type != static_cast<std::uint8_t>(MessageType::kRequest)) return Invalid("not a request");
  if (!r.U64(&max_bytes) || !r.U32(&max_pages) || !r.U64(&max_uncompressed) ||
      !r.U64(&ratio_bits) || !r.U64(&timeout_ms) || !r.U8(&render) ||
      !r.Str(&req.filename, kMaxFilenameBytes) || !r.Str(&req.bytes, payload.size()) ||
      !r.AtEnd()) {
    return Invalid("a truncated or oversized request");
  }
  const std::optional<double> ratio = Ratio(ratio_bits);
  if (!ratio || max_pages > kMaxPages || render > 1 || timeout_ms > kMaxTimeoutMs) {
    return Invalid("request limits out of range");
  }
  req.limits.max_bytes = max_bytes;
  req.limits.max_pages = static_cast<int>(max_pages);
  req.limits.max_uncompressed = max_uncompressed;
  req.limits.max_compression_ratio = *ratio;
  req.limits.timeout = std::chrono::milliseconds(timeout_ms);
  req.limits.render_pdf_pages = render == 1;
  return req;
}

Result<Reply> DecodeReply(std::string_view payload) {
  Reader r(payload);
  Reply reply;
  std::uint8_t type = 0;
  if (!r.U8(&type)) return Invalid("an empty reply");
  switch (static_cast<MessageType>(type)) {
    case MessageType::kHello:
      reply.type = MessageType::kHello;
      if (!r.U32(&reply.version) || !r.U32(&reply.sandbox) || !r.AtEnd()) {
        return Invalid("a malformed hello");
      }
      return reply;
    case MessageType::kDocument: {
      reply.type = MessageType::kDocument;
      std::uint8_t kind = 0;
      std::uint32_t pages = 0, flags = 0;
      std::string_view text, hidden;
      if (!r.U8(&kind) || !r.U32(&pages) || !r.Str(&text, payload.size()) ||
          !r.Str(&hidden, payload.size()) || !r.U32(&flags)) {
        return Invalid("a truncated document");
      }
      if (kind > static_cast<std::uint8_t>(DocumentKind::kText) || pages > kMaxPages ||
          flags > kMaxFlags) {
        return Invalid("a document with fields out of range");
      }
      if (!ValidUtf8(text) || !ValidUtf8(hidden)) return Invalid("text that is not UTF-8");
      for (std::uint32_t i = 0; i < flags; ++i) {
        std::string_view flag;
        if (!r.Str(&flag, kMaxFlagBytes) || !ValidCode(flag)) return Invalid("a malformed flag");
        reply.document.flags.emplace_back(flag);
      }
      if (!r.AtEnd()) return Invalid("trailing bytes after a document");
      reply.document.kind = static_cast<DocumentKind>(kind);
      reply.document.pages = static_cast<int>(pages);
      reply.document.text.assign(text);
      reply.document.hidden_text.assign(hidden);
      return reply;
    }
    case MessageType::kError: {
      reply.type = MessageType::kError;
      std::string_view code, message;
      if (!r.Str(&code, kMaxCodeBytes) || !r.Str(&message, kMaxMessageBytes) || !r.AtEnd()) {
        return Invalid("a malformed error");
      }
      if (!ValidCode(code) || !ValidUtf8(message)) return Invalid("an error with a bad code");
      reply.error = Error::Make(std::string(code), std::string(message));
      return reply;
    }
    case MessageType::kMemory:
      reply.type = MessageType::kMemory;
      if (!r.AtEnd()) return Invalid("trailing bytes after a memory reply");
      return reply;
    case MessageType::kArchive:
      return DecodeArchive(r, payload.size());
    case MessageType::kRequest:
    case MessageType::kUnpack:
      break;
  }
  return Invalid("an unknown reply type " + std::to_string(type));
}

std::size_t FrameReader::Wanted() const {
  if (!have_header_) return kHeaderBytes - header_filled_;
  return payload_size_ - buffer_.size();
}

Status FrameReader::Feed(std::string_view bytes) {
  if (bytes.size() > Wanted()) return Invalid("more bytes than the frame wants");
  if (!have_header_) {
    std::memcpy(header_ + header_filled_, bytes.data(), bytes.size());
    header_filled_ += bytes.size();
    if (header_filled_ < kHeaderBytes) return OkStatus();
    if (LoadU32(header_) != kMagic) return Invalid("a frame with a bad magic number");
    payload_size_ = LoadU32(header_ + 4);
    if (payload_size_ > max_payload_) {
      return Invalid("a frame of " + std::to_string(payload_size_) + " bytes, over the cap");
    }
    have_header_ = true;
    // Room for what is actually arriving; the claimed length only bounds it.
    buffer_.reserve(std::min<std::size_t>(payload_size_, 64 << 10));
    return OkStatus();
  }
  buffer_.append(bytes);
  return OkStatus();
}

}  // namespace shortlist::ingest::protocol

// Fuzzes the parent's reader of the extract worker protocol (extract_protocol.h): whatever a
// compromised or broken worker writes, FrameReader and DecodeReply answer a frame or an error,
// never crash, and never buffer more than the cap. The worker's DecodeRequest is fed the same
// bytes. A reply that decodes must encode back to a frame that decodes to the same thing.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/extract_protocol.h"

namespace {

using namespace shortlist::ingest;

constexpr std::size_t kMaxPayload = 1 << 16;

void CheckRoundTrip(const protocol::Reply& reply) {
  std::string frame;
  switch (reply.type) {
    case protocol::MessageType::kDocument:
      frame = protocol::EncodeDocument(reply.document);
      break;
    case protocol::MessageType::kError:
      frame = protocol::EncodeError(reply.error);
      break;
    case protocol::MessageType::kHello:
      frame = protocol::EncodeHello(reply.sandbox);
      break;
    case protocol::MessageType::kMemory:
      frame = protocol::EncodeMemory();
      break;
    case protocol::MessageType::kArchive:
      frame = protocol::EncodeArchive(reply.archive);
      break;
    case protocol::MessageType::kRequest:
    case protocol::MessageType::kUnpack:
      __builtin_trap();  // DecodeReply never yields a request
  }
  auto again = protocol::DecodeReply(std::string_view(frame).substr(protocol::kHeaderBytes));
  if (!again.ok() || again->type != reply.type || again->document.text != reply.document.text ||
      again->document.hidden_text != reply.document.hidden_text ||
      again->document.flags != reply.document.flags || again->error.code != reply.error.code ||
      again->error.message != reply.error.message ||
      again->archive.size() != reply.archive.size()) {
    __builtin_trap();
  }
  for (std::size_t i = 0; i < reply.archive.size(); ++i) {
    if (again->archive[i].path != reply.archive[i].path ||
        again->archive[i].bytes != reply.archive[i].bytes) {
      __builtin_trap();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  // The first byte picks the size of the reads, as a pipe delivers a frame in pieces.
  const std::size_t step = 1 + data[0] % 64;
  std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);

  protocol::FrameReader reader(kMaxPayload);
  while (!in.empty() && !reader.Done()) {
    const std::size_t n = std::min({step, in.size(), reader.Wanted()});
    if (!reader.Feed(in.substr(0, n)).ok()) return 0;
    in.remove_prefix(n);
    if (reader.payload().size() > kMaxPayload) __builtin_trap();
  }
  if (!reader.Done()) return 0;
  auto reply = protocol::DecodeReply(reader.payload());
  if (reply.ok()) CheckRoundTrip(*reply);
  (void)protocol::DecodeRequest(reader.payload());
  return 0;
}

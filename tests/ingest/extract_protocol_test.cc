// The worker protocol: what the parent accepts from a worker, and what it refuses.
#include "ingest/extract_protocol.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace shortlist::ingest::protocol {
namespace {

// The payload of a whole frame, read through a FrameReader fed one byte at a time.
Result<std::string> ReadFrame(const std::string& frame, std::size_t max_payload = 1 << 20) {
  FrameReader reader(max_payload);
  std::size_t at = 0;
  while (!reader.Done()) {
    if (at >= frame.size()) return Error::Make("short", "the frame ended early");
    Status fed = reader.Feed(std::string_view(frame).substr(at, 1));
    if (!fed.ok()) return fed.error();
    ++at;
  }
  if (at != frame.size()) return Error::Make("long", "bytes after the frame");
  return std::string(reader.payload());
}

Result<Reply> Decode(const std::string& frame) {
  auto payload = ReadFrame(frame);
  if (!payload.ok()) return payload.error();
  return DecodeReply(*payload);
}

TEST(ExtractProtocolTest, ADocumentSurvivesTheTrip) {
  ExtractedDocument doc;
  doc.kind = DocumentKind::kDocx;
  doc.text = "Jane Example\nPython — Go\n";
  doc.hidden_text = "white text";
  doc.pages = 1;
  doc.flags = {"hidden_text", "pages_truncated"};
  auto reply = Decode(EncodeDocument(doc));
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(reply->type, MessageType::kDocument);
  EXPECT_EQ(reply->document.kind, DocumentKind::kDocx);
  EXPECT_EQ(reply->document.text, doc.text);
  EXPECT_EQ(reply->document.hidden_text, doc.hidden_text);
  EXPECT_EQ(reply->document.pages, 1);
  EXPECT_EQ(reply->document.flags, doc.flags);
}

TEST(ExtractProtocolTest, ErrorsHelloAndMemorySurviveTheTrip) {
  auto error = Decode(EncodeError(Error::Make("pdf_encrypted", "cv.pdf: locked")));
  ASSERT_TRUE(error.ok());
  EXPECT_EQ(error->type, MessageType::kError);
  EXPECT_EQ(error->error.code, "pdf_encrypted");
  EXPECT_EQ(error->error.message, "cv.pdf: locked");

  auto hello = Decode(EncodeHello(kSeccomp | kMemoryLimit));
  ASSERT_TRUE(hello.ok());
  EXPECT_EQ(hello->type, MessageType::kHello);
  EXPECT_EQ(hello->version, kVersion);
  EXPECT_EQ(hello->sandbox, kSeccomp | kMemoryLimit);

  auto memory = Decode(EncodeMemory());
  ASSERT_TRUE(memory.ok());
  EXPECT_EQ(memory->type, MessageType::kMemory);
}

TEST(ExtractProtocolTest, ALongMessageIsCutOnACharacterBoundary) {
  std::string long_utf8;
  while (long_utf8.size() < 2 * kMaxMessageBytes) long_utf8 += "é";
  auto reply = Decode(EncodeError(Error::Make("corrupt_file", "x" + long_utf8)));
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_LE(reply->error.message.size(), kMaxMessageBytes);
}

TEST(ExtractProtocolTest, ARequestSurvivesTheTrip) {
  ExtractLimits limits;
  limits.max_bytes = 1234;
  limits.max_pages = 7;
  limits.max_uncompressed = 99;
  limits.max_compression_ratio = 12.5;
  limits.timeout = std::chrono::milliseconds(2500);
  limits.render_pdf_pages = false;
  const std::string bytes = "%PDF-1.4 ...";
  const std::string frame = EncodeRequestHead(bytes.size(), "cv.pdf", limits) + bytes;
  auto payload = ReadFrame(frame);
  ASSERT_TRUE(payload.ok()) << payload.error().message;
  auto request = DecodeRequest(*payload);
  ASSERT_TRUE(request.ok()) << request.error().message;
  EXPECT_EQ(request->filename, "cv.pdf");
  EXPECT_EQ(request->bytes, bytes);
  EXPECT_EQ(request->limits.max_bytes, 1234u);
  EXPECT_EQ(request->limits.max_pages, 7);
  EXPECT_EQ(request->limits.max_uncompressed, 99u);
  EXPECT_EQ(request->limits.max_compression_ratio, 12.5);
  EXPECT_EQ(request->limits.timeout, std::chrono::milliseconds(2500));
  EXPECT_FALSE(request->limits.render_pdf_pages);
}

TEST(ExtractProtocolTest, AFrameOverTheCapIsRefusedBeforeItsPayloadArrives) {
  std::string frame = EncodeDocument(ExtractedDocument{});
  // Claim 4 GiB - 1.
  frame[4] = frame[5] = frame[6] = frame[7] = '\xff';
  FrameReader reader(1 << 20);
  Status fed = reader.Feed(std::string_view(frame).substr(0, kHeaderBytes));
  EXPECT_FALSE(fed.ok());
  EXPECT_EQ(fed.error().code, "protocol");
}

TEST(ExtractProtocolTest, ABadMagicIsRefused) {
  std::string frame = EncodeMemory();
  frame[0] = 'X';
  EXPECT_FALSE(ReadFrame(frame).ok());
}

TEST(ExtractProtocolTest, MalformedRepliesAreRefused) {
  ExtractedDocument doc;
  doc.text = "text";
  const std::string good = EncodeDocument(doc);
  auto payload_of = [](const std::string& frame) { return frame.substr(kHeaderBytes); };
  std::string payload = payload_of(good);

  EXPECT_FALSE(DecodeReply("").ok());
  EXPECT_FALSE(DecodeReply(payload.substr(0, payload.size() - 1)).ok());  // truncated
  EXPECT_FALSE(DecodeReply(payload + "x").ok());                          // trailing bytes
  std::string bad_kind = payload;
  bad_kind[1] = 42;
  EXPECT_FALSE(DecodeReply(bad_kind).ok());
  std::string unknown = payload;
  unknown[0] = 99;
  EXPECT_FALSE(DecodeReply(unknown).ok());
  std::string request = payload;
  request[0] = static_cast<char>(MessageType::kRequest);
  EXPECT_FALSE(DecodeReply(request).ok());

  doc.text = "bad \xff utf-8";
  EXPECT_FALSE(DecodeReply(payload_of(EncodeDocument(doc))).ok());
  doc.text = "overlong \xc0\xaf";
  EXPECT_FALSE(DecodeReply(payload_of(EncodeDocument(doc))).ok());

  EXPECT_FALSE(DecodeReply(payload_of(EncodeError(Error::Make("Bad Code", "m")))).ok());
  EXPECT_FALSE(DecodeReply(payload_of(EncodeError(Error::Make("", "m")))).ok());
  EXPECT_FALSE(DecodeReply(payload_of(EncodeError(Error::Make("code", "\xff")))).ok());

  doc.text = "ok";
  doc.flags = {"Not A Flag"};
  EXPECT_FALSE(DecodeReply(payload_of(EncodeDocument(doc))).ok());
}

TEST(ExtractProtocolTest, AStringLengthPastThePayloadIsRefused) {
  ExtractedDocument doc;
  doc.text = "abc";
  std::string payload = EncodeDocument(doc).substr(kHeaderBytes);
  // type, kind, pages (4), then the text's length: claim 2^31.
  payload[6 + 3] = '\x80';
  auto reply = DecodeReply(payload);
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, "protocol");
}

TEST(ExtractProtocolTest, RequestsWithLimitsOutOfRangeAreRefused) {
  ExtractLimits limits;
  limits.max_compression_ratio = -1;
  std::string payload = EncodeRequestHead(0, "a", limits).substr(kHeaderBytes);
  EXPECT_FALSE(DecodeRequest(payload).ok());
  EXPECT_FALSE(DecodeRequest("").ok());
  EXPECT_FALSE(DecodeRequest(EncodeMemory().substr(kHeaderBytes)).ok());
}

TEST(ExtractProtocolTest, AnUnpackRequestAndItsArchiveSurviveTheTrip) {
  ArchiveLimits limits;
  limits.max_entries = 9;
  limits.max_files = 3;
  limits.max_file_bytes = 77;
  limits.max_total_bytes = 200;
  limits.max_compression_ratio = 50;
  limits.timeout = std::chrono::milliseconds(1500);
  const std::string zip = "PK\x03\x04 ...";
  auto payload = ReadFrame(EncodeUnpackHead(zip.size(), "resumes.zip", limits) + zip);
  ASSERT_TRUE(payload.ok()) << payload.error().message;
  auto request = DecodeRequest(*payload);
  ASSERT_TRUE(request.ok()) << request.error().message;
  EXPECT_TRUE(request->unpack);
  EXPECT_EQ(request->filename, "resumes.zip");
  EXPECT_EQ(request->bytes, zip);
  EXPECT_EQ(request->archive.max_entries, 9u);
  EXPECT_EQ(request->archive.max_files, 3u);
  EXPECT_EQ(request->archive.max_file_bytes, 77u);
  EXPECT_EQ(request->archive.max_total_bytes, 200u);
  EXPECT_EQ(request->archive.max_compression_ratio, 50);
  EXPECT_EQ(request->limits.timeout, std::chrono::milliseconds(1500));  // the worker's CPU cap

  const std::vector<ArchiveFile> files = {{"team/a.pdf", std::string("%PDF\0\xff", 6)},
                                          {"b.txt", "text"}};
  auto reply = Decode(EncodeArchive(files));
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(reply->type, MessageType::kArchive);
  ASSERT_EQ(reply->archive.size(), 2u);
  EXPECT_EQ(reply->archive[0].path, "team/a.pdf");
  EXPECT_EQ(reply->archive[0].bytes, files[0].bytes);
  EXPECT_EQ(reply->archive[1].bytes, "text");
}

TEST(ExtractProtocolTest, MalformedArchivesAndUnpackRequestsAreRefused) {
  const std::string payload = EncodeArchive({{"a", "1"}}).substr(kHeaderBytes);
  EXPECT_FALSE(DecodeReply(payload.substr(0, payload.size() - 1)).ok());  // truncated
  EXPECT_FALSE(DecodeReply(payload + "x").ok());                          // trailing bytes
  std::string too_many = payload;
  too_many[1] = too_many[2] = too_many[3] = too_many[4] = '\x7f';  // claims 2^31 files
  EXPECT_FALSE(DecodeReply(too_many).ok());
  EXPECT_FALSE(DecodeReply(EncodeArchive({{"", "1"}}).substr(kHeaderBytes)).ok());
  EXPECT_FALSE(DecodeReply(EncodeArchive({{"a", ""}}).substr(kHeaderBytes)).ok());
  std::string unpack = payload;
  unpack[0] = static_cast<char>(MessageType::kUnpack);  // a request is never a reply
  EXPECT_FALSE(DecodeReply(unpack).ok());

  ArchiveLimits limits;
  limits.max_compression_ratio = 0;
  EXPECT_FALSE(DecodeRequest(EncodeUnpackHead(0, "a", limits).substr(kHeaderBytes)).ok());
  limits = {};
  limits.max_files = kMaxArchiveFiles + 1;
  EXPECT_FALSE(DecodeRequest(EncodeUnpackHead(0, "a", limits).substr(kHeaderBytes)).ok());
}

}  // namespace
}  // namespace shortlist::ingest::protocol

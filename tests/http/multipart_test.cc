// The multipart/form-data parser against what real clients send (Python requests, the Node
// form-data package) and against hostile bodies: every cap answers an error, never a crash.
#include "http/multipart.h"

#include <gtest/gtest.h>

#include <string>

namespace shortlist::http {
namespace {

const std::string kBoundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

std::string Field(const std::string& name, const std::string& value) {
  return "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
         value + "\r\n";
}

std::string File(const std::string& name, const std::string& filename, const std::string& bytes) {
  return "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name +
         "\"; filename=\"" + filename + "\"\r\nContent-Type: application/zip\r\n\r\n" + bytes +
         "\r\n";
}

std::string Close() { return "--" + kBoundary + "--\r\n"; }

TEST(MultipartTest, ReadsTheFieldsAndTheFileAClientUploads) {
  const std::string bytes("PK\x03\x04\r\n--not-the-boundary\r\n\0binary", 33);
  const std::string body = Field("title", "Backend Engineer") + Field("leniency_level", "7") +
                           File("zip_file", "resumes.zip", bytes) + Close();
  auto parts = ParseMultipart(body, kBoundary);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 3u);
  EXPECT_EQ((*parts)[0].name, "title");
  EXPECT_EQ((*parts)[0].body, "Backend Engineer");
  EXPECT_FALSE((*parts)[0].filename.has_value());
  const MultipartPart* file = FindPart(*parts, "zip_file");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename, "resumes.zip");
  EXPECT_EQ(file->content_type, "application/zip");
  EXPECT_EQ(file->body, bytes);  // CRLF and NUL inside a file survive
  EXPECT_EQ(FindPart(*parts, "missing"), nullptr);
}

TEST(MultipartTest, AcceptsAPreambleEmptyValuesQuotedEscapesAndExtendedFileNames) {
  const std::string body =
      "a preamble the parser skips\r\n" + Field("empty", "") + "--" + kBoundary +
      "\r\ncontent-disposition: form-data; name=\"q\\\"x\"; filename*=UTF-8''r%C3%A9sum%C3%A9.zip"
      "\r\n\r\nok\r\n" +
      Close();
  auto parts = ParseMultipart(body, kBoundary);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].body, "");
  EXPECT_EQ((*parts)[1].name, "q\"x");
  EXPECT_EQ((*parts)[1].filename, "r\xC3\xA9sum\xC3\xA9.zip");
}

TEST(MultipartTest, FindsTheBoundaryInTheContentType) {
  EXPECT_EQ(*MultipartBoundary("multipart/form-data; boundary=abc123"), "abc123");
  EXPECT_EQ(*MultipartBoundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b'c\""), "a b'c");
  for (const char* bad : {"application/json", "multipart/form-data",
                          "multipart/form-data; boundary=", "multipart/mixed; boundary=x",
                          "multipart/form-data; boundary=a;b"}) {
    auto b = MultipartBoundary(bad);
    if (std::string(bad) == "multipart/form-data; boundary=a;b") {
      EXPECT_TRUE(b.ok());  // the boundary is "a"; ";b" is another (unknown) parameter
      continue;
    }
    EXPECT_FALSE(b.ok()) << bad;
    if (!b.ok()) {
      EXPECT_EQ(b.error().code, "bad_request") << bad;
    }
  }
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=" + std::string(71, 'x')).ok());
}

TEST(MultipartTest, RefusesMalformedBodies) {
  const std::string disposition = "Content-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n";
  for (const std::string& body : {
           std::string("no boundary at all"),
           "--" + kBoundary + "\r\n" + disposition,  // never closed
           "--" + kBoundary + "\r\nContent-Type: text/plain\r\n\r\nv\r\n" + Close(),  // unnamed
           "--" + kBoundary + "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n" +
               Close(),
           "--" + kBoundary + "\r\nContent-Disposition: form-data; filename=\"x\"\r\n\r\nv\r\n" +
               Close(),
           "--" + kBoundary + "junk\r\n" + disposition + Close(),
           "--" + kBoundary + "\r\n no-colon folded line\r\n" + disposition + Close(),
           "--" + kBoundary +
               "\r\nContent-Disposition: form-data; name=\"a\"",  // headers end never
       }) {
    auto parts = ParseMultipart(body, kBoundary);
    EXPECT_FALSE(parts.ok()) << body;
    if (!parts.ok()) {
      EXPECT_EQ(parts.error().code, "bad_request") << body;
    }
  }
}

TEST(MultipartTest, EveryCapIsAnErrorNotACrash) {
  MultipartLimits limits;
  limits.max_parts = 3;
  limits.max_header_bytes = 200;
  limits.max_headers_per_part = 3;
  limits.max_name_bytes = 20;
  limits.max_field_bytes = 10;
  limits.max_file_bytes = 100;
  auto code = [&](const std::string& body) {
    auto parts = ParseMultipart(body, kBoundary, limits);
    return parts.ok() ? std::string("ok") : parts.error().code;
  };
  EXPECT_EQ(code(Field("a", "1") + Field("b", "2") + Field("c", "3") + Close()), "ok");
  EXPECT_EQ(code(Field("a", "1") + Field("b", "2") + Field("c", "3") + Field("d", "4") + Close()),
            "too_large");
  EXPECT_EQ(code(Field("a", std::string(11, 'x')) + Close()), "too_large");
  EXPECT_EQ(code(File("f", "x.zip", std::string(100, 'x')) + Close()), "ok");
  EXPECT_EQ(code(File("f", "x.zip", std::string(101, 'x')) + Close()), "too_large");
  EXPECT_EQ(code(Field(std::string(21, 'n'), "1") + Close()), "too_large");
  EXPECT_EQ(code(File("f", std::string(21, 'n'), "1") + Close()), "too_large");
  std::string many_headers = "--" + kBoundary + "\r\n";
  for (int i = 0; i < 4; ++i) many_headers += "X-" + std::to_string(i) + ": y\r\n";
  EXPECT_EQ(
      code(many_headers + "Content-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n" + Close()),
      "too_large");
  EXPECT_EQ(
      code("--" + kBoundary + "\r\nX-Long: " + std::string(300, 'h') + "\r\n\r\nv\r\n" + Close()),
      "too_large");
}

TEST(MultipartTest, ALargeHostileBodyIsParsedInLinearTime) {
  // Near-misses of the delimiter everywhere: a naive search would be quadratic.
  std::string noise;
  while (noise.size() < (8u << 20)) noise += "\r\n--" + kBoundary.substr(0, kBoundary.size() - 1);
  MultipartLimits limits;
  limits.max_file_bytes = 16u << 20;
  auto parts = ParseMultipart(File("f", "x.bin", noise) + Close(), kBoundary, limits);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  EXPECT_EQ((*parts)[0].body.size(), noise.size());
}

}  // namespace
}  // namespace shortlist::http

// Resume files through the Jobs API: PDF and DOCX sent as base64 are read and scored; an
// encrypted PDF and an image-only PDF fail alone with their specific errors, and the job still
// completes.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "../ingest/fixtures.h"
#include "base64.h"
#include "fixtures.h"
#include "http_client.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using ingest::testing::PdfBuilder;
using nlohmann::json;

// The strong fixture resume, one line per text row of a PDF page.
std::string StrongResumePdf() {
  std::vector<PdfBuilder::Text> rows;
  double y = 760;
  std::size_t start = 0;
  while (start < kStrongResume.size()) {
    std::size_t end = kStrongResume.find('\n', start);
    if (end == std::string::npos) end = kStrongResume.size();
    std::string line = kStrongResume.substr(start, end - start);
    for (char& c : line) {
      if (static_cast<unsigned char>(c) >= 0x80) c = '-';  // the writer takes ASCII
    }
    if (!line.empty()) rows.push_back({50, y, 10, line});
    y -= 14;
    start = end + 1;
  }
  return PdfBuilder().Page(rows).Build();
}

std::string MiddleResumeDocx() {
  std::string body;
  std::size_t start = 0;
  while (start < kMiddleResume.size()) {
    std::size_t end = kMiddleResume.find('\n', start);
    if (end == std::string::npos) end = kMiddleResume.size();
    std::string line = kMiddleResume.substr(start, end - start);
    for (char& c : line) {
      if (static_cast<unsigned char>(c) >= 0x80) c = '-';
    }
    body += "<w:p><w:r><w:t xml:space=\"preserve\">" + line + "</w:t></w:r></w:p>";
    start = end + 1;
  }
  return ingest::testing::MakeDocx(body);
}

TEST(DocumentsTest, FilesAreReadScoredOrFailAloneWithTheirReason) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn"});
  HttpClient client(server.url(), server.first_token());
  std::string locked = PdfBuilder().Page({{50, 700, 12, "Secret resume text"}}).Encrypted().Build();
  std::string scanned = PdfBuilder().ImagePage().Build();
  json job = {
      {"title", kPythonJobTitle},
      {"description", kPythonJob},
      {"resumes", json::array({{{"filename", "alice.pdf"}, {"base64", Base64(StrongResumePdf())}},
                               {{"filename", "bob.docx"}, {"base64", Base64(MiddleResumeDocx())}},
                               {{"filename", "locked.pdf"}, {"base64", Base64(locked)}},
                               {{"filename", "scan.pdf"}, {"base64", Base64(scanned)}}})}};
  HttpResult created = client.Post("/api/v1/jobs", job);
  ASSERT_EQ(created.status, 202) << created.body;
  std::string path = "/api/v1/jobs/" + std::to_string(created.json()["job_id"].get<std::int64_t>());
  for (int i = 0; i < 500 && client.Get(path).json()["status"] == "processing"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(client.Get(path).json()["status"], "completed");
  json results = client.Get(path + "/results").json();
  ASSERT_EQ(results["candidates"].size(), 4u);
  std::map<std::string, json> by_file;
  for (const auto& c : results["candidates"]) by_file[c["raw_analysis"]["filename"]] = c;

  EXPECT_TRUE(by_file["alice.pdf"]["error"].is_null()) << by_file["alice.pdf"].dump();
  EXPECT_EQ(by_file["alice.pdf"]["raw_analysis"]["document_kind"], "pdf");
  EXPECT_EQ(by_file["alice.pdf"]["email"], "alice.example@example.com");
  EXPECT_TRUE(by_file["bob.docx"]["error"].is_null()) << by_file["bob.docx"].dump();
  EXPECT_EQ(by_file["bob.docx"]["raw_analysis"]["document_kind"], "docx");
  EXPECT_GT(by_file["alice.pdf"]["score"].get<int>(), by_file["bob.docx"]["score"].get<int>());
  EXPECT_EQ(results["candidates"][0]["raw_analysis"]["filename"], "alice.pdf");

  EXPECT_EQ(by_file["locked.pdf"]["error"]["code"], "pdf_encrypted");
  EXPECT_NE(by_file["locked.pdf"]["error"]["message"].get<std::string>().find("locked.pdf"),
            std::string::npos);
  EXPECT_EQ(by_file["locked.pdf"]["score"], 0);
  EXPECT_EQ(by_file["scan.pdf"]["error"]["code"], "no_text_layer");
}

}  // namespace
}  // namespace shortlist::testing

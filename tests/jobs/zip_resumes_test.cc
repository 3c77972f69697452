// ZIP uploads (POST /api/v1/jobs/upload-zip): each file of the archive becomes a base64 resume
// named by its base name, under the Jobs API's caps. Which entries are files and how hostile
// archives are refused is ingest::UnpackZip's (tests/ingest/archive_test.cc).
#include "jobs/zip_resumes.h"

#include <gtest/gtest.h>

#include "../ingest/fixtures.h"
#include "ingest/ingest.h"

namespace shortlist::jobs {
namespace {

using ingest::testing::MakeZip;

std::string Decoded(const model::ResumeInput& r) { return *ingest::DecodeBase64(r.base64); }

TEST(ZipResumesTest, EachFileIsABase64ResumeNamedWithoutItsFolders) {
  const std::string zip = MakeZip({{"alice.txt", "Alice resume text"},
                                   {"team/bob.pdf", "%PDF-1.4 bytes"},
                                   {"team/deeper/carol", "odd"},
                                   {"__MACOSX/team/._bob.pdf", "resource fork"}});
  auto resumes = ResumesFromZip(zip, ingest::InProcessExtractor());
  ASSERT_TRUE(resumes.ok()) << resumes.error().message;
  ASSERT_EQ(resumes->size(), 3u);
  EXPECT_EQ((*resumes)[0].filename, "alice.txt");
  EXPECT_EQ(Decoded((*resumes)[0]), "Alice resume text");
  EXPECT_EQ((*resumes)[1].filename, "bob.pdf");
  EXPECT_EQ(Decoded((*resumes)[1]), "%PDF-1.4 bytes");
  EXPECT_EQ((*resumes)[2].filename, "carol");
  EXPECT_EQ(Decoded((*resumes)[2]), "odd");  // 3 bytes: base64 without padding
  for (const auto& r : *resumes) {
    EXPECT_TRUE(r.content.empty());  // bytes go through the base64 pipeline, kind by bytes
    EXPECT_TRUE(r.file_url.empty());
  }
}

TEST(ZipResumesTest, TheJobsApisCapsApply) {
  const ingest::ArchiveLimits limits = ZipResumeLimits();
  EXPECT_EQ(limits.max_files, 100u);
  EXPECT_EQ(limits.max_file_bytes, model::kMaxResumeBytes);
  EXPECT_EQ(limits.max_total_bytes, model::kMaxRequestResumeBytes);
  std::vector<std::pair<std::string, std::string>> many;
  for (int i = 0; i < 101; ++i) many.push_back({"r" + std::to_string(i) + ".txt", "resume"});
  auto refused = ResumesFromZip(MakeZip(many), ingest::InProcessExtractor());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "too_large");
  auto garbage = ResumesFromZip("not a zip", ingest::InProcessExtractor(), "a.zip");
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code, "invalid");
}

}  // namespace
}  // namespace shortlist::jobs

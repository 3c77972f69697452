// ZIP uploads (POST /api/v1/jobs/upload-zip): which entries become resumes and how hostile
// archives are refused. Archives are written by the test (tests/ingest/fixtures.h).
#include "jobs/zip_resumes.h"

#include <gtest/gtest.h>

#include "../ingest/fixtures.h"
#include "ingest/ingest.h"

namespace shortlist::jobs {
namespace {

using ingest::testing::MakeZip;

std::string Decoded(const model::ResumeInput& r) { return *ingest::DecodeBase64(r.base64); }

TEST(ZipResumesTest, EveryFileIsAResumeFoldersAreWalkedAndJunkIsSkipped) {
  const std::string zip = MakeZip({{"alice.txt", "Alice resume text"},
                                   {"team/", ""},
                                   {"team/bob.pdf", "%PDF-1.4 bytes"},
                                   {"team/deeper/carol", "no extension at all"},
                                   {"__MACOSX/team/._bob.pdf", "resource fork"},
                                   {".DS_Store", "finder"},
                                   {"team/.hidden/dave.txt", "hidden folder"},
                                   {"empty.txt", ""}});
  auto resumes = ResumesFromZip(zip);
  ASSERT_TRUE(resumes.ok()) << resumes.error().message;
  ASSERT_EQ(resumes->size(), 3u);
  EXPECT_EQ((*resumes)[0].filename, "alice.txt");
  EXPECT_EQ(Decoded((*resumes)[0]), "Alice resume text");
  EXPECT_EQ((*resumes)[1].filename, "bob.pdf");
  EXPECT_EQ(Decoded((*resumes)[1]), "%PDF-1.4 bytes");
  EXPECT_EQ((*resumes)[2].filename, "carol");
  for (const auto& r : *resumes) {
    EXPECT_TRUE(r.content.empty());  // bytes go through the base64 pipeline, kind by bytes
    EXPECT_TRUE(r.file_url.empty());
  }
}

TEST(ZipResumesTest, PathEscapesRefuseTheWholeArchive) {
  for (const char* name :
       {"../evil.txt", "a/../../evil.txt", "/etc/passwd", "C:\\x.txt", "a\\..\\..\\x.txt"}) {
    auto resumes = ResumesFromZip(MakeZip({{"ok.txt", "fine"}, {name, "escape"}}));
    ASSERT_FALSE(resumes.ok()) << name;
    EXPECT_EQ(resumes.error().code, "invalid") << name;
    EXPECT_NE(resumes.error().message.find("outside the archive"), std::string::npos);
  }
}

TEST(ZipResumesTest, CapsOnResumesEntriesAndSizesAreErrors) {
  ZipResumeLimits limits;
  limits.max_resumes = 2;
  limits.max_entries = 5;
  limits.max_file_bytes = 100;
  limits.max_total_bytes = 250;
  EXPECT_TRUE(ResumesFromZip(MakeZip({{"a", "1"}, {"b", "2"}}), limits).ok());
  auto three = ResumesFromZip(MakeZip({{"a", "1"}, {"b", "2"}, {"c", "3"}}), limits);
  ASSERT_FALSE(three.ok());
  EXPECT_EQ(three.error().code, "too_large");
  std::vector<std::pair<std::string, std::string>> many;
  for (int i = 0; i < 6; ++i) many.push_back({".skip" + std::to_string(i), "x"});
  auto listed = ResumesFromZip(MakeZip(many), limits);
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.error().code, "too_large");
  auto big = ResumesFromZip(MakeZip({{"a", std::string(101, 'x')}}), limits);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code, "too_large");
  limits.max_resumes = 10;
  auto total = ResumesFromZip(MakeZip({{"a", std::string(100, 'x')},
                                       {"b", std::string(100, 'y')},
                                       {"c", "z"},
                                       {"d", std::string(90, 'w')}}),
                              limits);
  ASSERT_FALSE(total.ok());
  EXPECT_EQ(total.error().code, "too_large");
}

TEST(ZipResumesTest, AZipBombIsRefusedBeforeItInflates) {
  // 64 MiB of zeros deflate to a few tens of KiB: over the total budget and the ratio cap.
  auto bomb = ResumesFromZip(MakeZip({{"bomb.txt", std::string(64u << 20, '\0')}}));
  ASSERT_FALSE(bomb.ok());
  EXPECT_EQ(bomb.error().code, "too_large");
}

TEST(ZipResumesTest, NotAZipOrNoResumeIsInvalid) {
  auto garbage = ResumesFromZip("this is not a zip archive");
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code, "invalid");
  auto only_junk = ResumesFromZip(MakeZip({{"__MACOSX/x", "y"}, {"folder/", ""}}));
  ASSERT_FALSE(only_junk.ok());
  EXPECT_EQ(only_junk.error().code, "invalid");
  EXPECT_NE(only_junk.error().message.find("no resume"), std::string::npos);
}

}  // namespace
}  // namespace shortlist::jobs

// ZIP archives users upload (ingest/archive.h): which entries are files, and how hostile
// archives are refused. Archives are written by the test (fixtures.h).
#include "ingest/archive.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace shortlist::ingest {
namespace {

using testing::MakeZip;

TEST(ArchiveTest, EveryFileIsReturnedFoldersAreWalkedAndJunkIsSkipped) {
  const std::string zip = MakeZip({{"alice.txt", "Alice resume text"},
                                   {"team/", ""},
                                   {"team/bob.pdf", "%PDF-1.4 bytes"},
                                   {"team\\deeper\\carol", "no extension at all"},
                                   {"__MACOSX/team/._bob.pdf", "resource fork"},
                                   {".DS_Store", "finder"},
                                   {"team/.hidden/dave.txt", "hidden folder"},
                                   {"empty.txt", ""}});
  auto files = UnpackZip(zip, {});
  ASSERT_TRUE(files.ok()) << files.error().message;
  ASSERT_EQ(files->size(), 3u);
  EXPECT_EQ((*files)[0].path, "alice.txt");
  EXPECT_EQ((*files)[0].bytes, "Alice resume text");
  EXPECT_EQ((*files)[1].path, "team/bob.pdf");
  EXPECT_EQ((*files)[1].bytes, "%PDF-1.4 bytes");
  EXPECT_EQ((*files)[2].path, "team/deeper/carol");  // Windows separators read as '/'
  EXPECT_EQ(ArchiveBaseName((*files)[2].path), "carol");
  EXPECT_EQ(ArchiveBaseName("alice.txt"), "alice.txt");
}

TEST(ArchiveTest, PathEscapesRefuseTheWholeArchive) {
  for (const char* name :
       {"../evil.txt", "a/../../evil.txt", "/etc/passwd", "C:\\x.txt", "a\\..\\..\\x.txt"}) {
    auto files = UnpackZip(MakeZip({{"ok.txt", "fine"}, {name, "escape"}}), {});
    ASSERT_FALSE(files.ok()) << name;
    EXPECT_EQ(files.error().code, "invalid") << name;
    EXPECT_NE(files.error().message.find("outside the archive"), std::string::npos);
  }
}

TEST(ArchiveTest, CapsOnFilesEntriesAndSizesAreErrors) {
  ArchiveLimits limits;
  limits.max_files = 2;
  limits.max_entries = 5;
  limits.max_file_bytes = 100;
  limits.max_total_bytes = 250;
  EXPECT_TRUE(UnpackZip(MakeZip({{"a", "1"}, {"b", "2"}}), limits).ok());
  auto three = UnpackZip(MakeZip({{"a", "1"}, {"b", "2"}, {"c", "3"}}), limits);
  ASSERT_FALSE(three.ok());
  EXPECT_EQ(three.error().code, "too_large");
  std::vector<std::pair<std::string, std::string>> many;
  for (int i = 0; i < 6; ++i) many.push_back({".skip" + std::to_string(i), "x"});
  auto listed = UnpackZip(MakeZip(many), limits);
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.error().code, "too_large");
  auto big = UnpackZip(MakeZip({{"a", std::string(101, 'x')}}), limits);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code, "too_large");
  limits.max_files = 10;
  auto total = UnpackZip(MakeZip({{"a", std::string(100, 'x')},
                                  {"b", std::string(100, 'y')},
                                  {"c", "z"},
                                  {"d", std::string(90, 'w')}}),
                         limits);
  ASSERT_FALSE(total.ok());
  EXPECT_EQ(total.error().code, "too_large");
}

TEST(ArchiveTest, AZipBombIsRefusedBeforeItInflates) {
  // 64 MiB of zeros deflate to a few tens of KiB: over the total budget and the ratio cap.
  auto bomb = UnpackZip(MakeZip({{"bomb.txt", std::string(64u << 20, '\0')}}), {});
  ASSERT_FALSE(bomb.ok());
  EXPECT_EQ(bomb.error().code, "too_large");
}

TEST(ArchiveTest, NotAZipOrNoFileIsInvalid) {
  auto garbage = UnpackZip("this is not a zip archive", {});
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code, "invalid");
  auto only_junk = UnpackZip(MakeZip({{"__MACOSX/x", "y"}, {"folder/", ""}}), {});
  ASSERT_FALSE(only_junk.ok());
  EXPECT_EQ(only_junk.error().code, "invalid");
  EXPECT_NE(only_junk.error().message.find("no file"), std::string::npos);
}

}  // namespace
}  // namespace shortlist::ingest

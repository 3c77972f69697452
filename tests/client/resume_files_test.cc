#include "client/resume_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/crypto.h"

namespace shortlist::client {
namespace {

namespace fs = std::filesystem;

class ResumeFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("shortlist_client_" + RandomHex(6));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& relative, const std::string& content) {
    const fs::path p = dir_ / relative;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  fs::path dir_;
};

TEST_F(ResumeFilesTest, DirectoriesExpandRecursivelySortedWithoutHiddenFiles) {
  const std::string b = Write("b.txt", "b");
  const std::string a = Write("a.pdf", "a");
  const std::string nested = Write("sub/c.docx", "c");
  Write(".DS_Store", "x");
  Write(".git/config", "x");
  const std::string single = Write("elsewhere/z.txt", "z");
  const std::string missing = (dir_ / "nope.txt").string();
  const auto files = ExpandResumePaths({(dir_ / "sub").string(), single, missing});
  EXPECT_EQ(files, (std::vector<std::string>{nested, single, missing}));
  const auto all = ExpandResumePaths({dir_.string()});
  EXPECT_EQ(all, (std::vector<std::string>{a, b, single, nested}));
}

TEST_F(ResumeFilesTest, ReadErrorsNameTheFile) {
  const std::string big = Write("big.txt", std::string(100, 'x'));
  EXPECT_EQ(*ReadLocalFile(big, 100), std::string(100, 'x'));
  auto too_big = ReadLocalFile(big, 99);
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.error().code, "file_too_large");
  EXPECT_NE(too_big.error().message.find(big), std::string::npos);
  EXPECT_EQ(ReadLocalFile((dir_ / "none").string(), 10).error().code, "not_found");
  EXPECT_EQ(ReadLocalFile(dir_.string(), 10).error().code, "not_a_file");
}

TEST(Base64Encode, MatchesRfc4648Vectors) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foob"), "Zm9vYg==");
  EXPECT_EQ(Base64Encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64Encode(std::string("\xff\xfe\x00", 3)), "//4A");
}

TEST_F(ResumeFilesTest, ResumeFromFileGivesTheFileNameAndBase64) {
  const std::string path = Write("cv/alice.txt", "foobar");
  auto r = ResumeFromFile(path);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["filename"], "alice.txt");
  EXPECT_EQ((*r)["base64"], "Zm9vYmFy");
}

}  // namespace
}  // namespace shortlist::client

// ZIP archives through the sandbox (SandboxedExtractor::Unpack): unpacked in a worker process
// exactly as in-process, with the archive reader's failures costing only that upload.
#include <gtest/gtest.h>

#include <stdlib.h>

#include "fixtures.h"
#include "ingest/extractor.h"

namespace shortlist::ingest {
namespace {

using testing::MakeZip;

std::unique_ptr<SandboxedExtractor> StartArchivePool() {
  auto pool = SandboxedExtractor::Start({});
  EXPECT_TRUE(pool.ok()) << pool.error().message;
  return pool.ok() ? std::move(pool).value() : nullptr;
}

TEST(SandboxArchiveTest, AnArchiveUnpackedInAWorkerMatchesUnpackingInProcess) {
  auto pool = StartArchivePool();
  ASSERT_TRUE(pool);
  const std::string zip = MakeZip({{"team/alice.txt", "Alice resume text"},
                                   {"__MACOSX/team/._alice.txt", "fork"},
                                   {"bob.pdf", std::string("%PDF-1.4\0binary", 15)}});
  auto sandboxed = pool->Unpack(zip, "resumes.zip", {});
  auto local = InProcessExtractor().Unpack(zip, "resumes.zip", {});
  ASSERT_TRUE(sandboxed.ok()) << sandboxed.error().message;
  ASSERT_TRUE(local.ok());
  ASSERT_EQ(sandboxed->size(), local->size());
  for (std::size_t i = 0; i < local->size(); ++i) {
    EXPECT_EQ((*sandboxed)[i].path, (*local)[i].path);
    EXPECT_EQ((*sandboxed)[i].bytes, (*local)[i].bytes);
  }
  EXPECT_EQ((*sandboxed)[1].bytes.size(), 15u);  // binary bytes survive the pipe
  EXPECT_EQ(pool->stats().files, 1u);

  // The reader's own refusals come back unchanged.
  auto escape = pool->Unpack(MakeZip({{"../x.txt", "y"}}), "a.zip", {});
  ASSERT_FALSE(escape.ok());
  EXPECT_EQ(escape.error().code, "invalid");
  EXPECT_NE(escape.error().message.find("outside the archive"), std::string::npos);
  ArchiveLimits two;
  two.max_files = 2;
  auto three = pool->Unpack(MakeZip({{"a", "1"}, {"b", "2"}, {"c", "3"}}), "a.zip", two);
  ASSERT_FALSE(three.ok());
  EXPECT_EQ(three.error().code, "too_large");
  auto bomb = pool->Unpack(MakeZip({{"bomb.txt", std::string(64u << 20, '\0')}}), "b.zip", {});
  ASSERT_FALSE(bomb.ok());
  EXPECT_EQ(bomb.error().code, "too_large");
}

TEST(SandboxArchiveTest, ACrashingArchiveReaderCostsOnlyItsUpload) {
  setenv("SHORTLIST_EXTRACT_FAULT", "crash", 1);  // read by workers when they start
  auto pool = StartArchivePool();
  unsetenv("SHORTLIST_EXTRACT_FAULT");
  ASSERT_TRUE(pool);
  const std::string zip = MakeZip({{"a.txt", "resume"}});
  auto crashed = pool->Unpack(zip, "shortlist-fault-crash.zip", {});
  ASSERT_FALSE(crashed.ok());
  EXPECT_EQ(crashed.error().code, "extract_crashed");
  EXPECT_EQ(pool->stats().crashes, 1u);
  auto next = pool->Unpack(zip, "fine.zip", {});
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->size(), 1u);
}

}  // namespace
}  // namespace shortlist::ingest

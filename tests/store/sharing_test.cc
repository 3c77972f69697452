// What RequeueOrphanedJobs takes back follows what the opener said about the database
// (store/database.h, Sharing), the same on every backend: a sole server takes back every
// processing job at start-up, a server sharing the database takes back none.
#include <gtest/gtest.h>

#include "store/database.h"
#include "store_fixture.h"

namespace shortlist::store {
namespace {

using model::Job;
using model::JobStatus;

class SharingTest : public StoreTest {};

TEST_P(SharingTest, OrphanedJobsAreTakenBackOnlyByTheDatabasesSoleServer) {
  auto a = MakeAccount("acme");
  Job job = MakeJob(a.id, 1);
  ASSERT_TRUE(store_->ClaimNextJob("dead#0", 1000)->has_value());
  auto shared = OpenStore(location_, Sharing::kShared);
  ASSERT_TRUE(shared.ok());
  EXPECT_EQ(*(*shared)->RequeueOrphanedJobs(), 0) << "another server's worker may be alive";
  EXPECT_EQ(store_->GetJob(a.id, job.id)->status, JobStatus::kProcessing);
  auto sole = OpenStore(location_, Sharing::kSoleServer);
  ASSERT_TRUE(sole.ok());
  EXPECT_EQ(*(*sole)->RequeueOrphanedJobs(), 1) << "its own previous run held it";
  EXPECT_EQ(store_->GetJob(a.id, job.id)->status, JobStatus::kQueued);
}

INSTANTIATE_TEST_SUITE_P(store, SharingTest, ::testing::Values("sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace shortlist::store

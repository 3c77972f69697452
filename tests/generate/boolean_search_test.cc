#include "generate/boolean_search.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace shortlist::generate {
namespace {

using testing::Requirement;

TEST(BooleanSearch, RequiredSkillsAndedWithRelatedOred) {
  testing::FakeEngine engine;
  engine.related["PostgreSQL"] = {"MySQL"};
  engine::JobRequirements job;
  job.skills = {Requirement("Python", engine::Importance::kRequired),
                Requirement("PostgreSQL", engine::Importance::kRequired),
                Requirement("Docker", engine::Importance::kPreferred)};
  EXPECT_EQ(BooleanSearchString(engine, job), R"("Python" AND ("PostgreSQL" OR "MySQL"))");
}

TEST(BooleanSearch, RelatedSkillsAreCappedAndNeverRepeatARequiredOne) {
  testing::FakeEngine engine;
  engine.related["Docker"] = {"Kubernetes", "Podman", "containerd", "LXC"};
  engine.related["Kubernetes"] = {"Docker", "OpenShift", "Podman"};
  engine::JobRequirements job;
  job.skills = {Requirement("Docker", engine::Importance::kRequired),
                Requirement("Kubernetes", engine::Importance::kRequired)};
  EXPECT_EQ(BooleanSearchString(engine, job, 2),
            R"(("Docker" OR "Podman" OR "containerd") AND ("Kubernetes" OR "OpenShift"))");
}

TEST(BooleanSearch, FallsBackToPreferredThenTitle) {
  testing::FakeEngine engine;
  engine::JobRequirements job;
  job.title = "Data \"Wizard\"";
  job.skills = {Requirement("Tableau", engine::Importance::kPreferred),
                Requirement("Power BI", engine::Importance::kPreferred),
                Requirement("tableau", engine::Importance::kPreferred)};
  EXPECT_EQ(BooleanSearchString(engine, job), R"(("Tableau" OR "Power BI"))");
  job.skills.clear();
  EXPECT_EQ(BooleanSearchString(engine, job), R"("Data Wizard")");
  job.title.clear();
  EXPECT_EQ(BooleanSearchString(engine, job), "");
}

}  // namespace
}  // namespace shortlist::generate

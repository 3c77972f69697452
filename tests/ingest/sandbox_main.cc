// The sandbox tests' main: this binary is also the extract worker its pools start
// (SandboxOptions::worker_path defaults to /proc/self/exe), as the shortlist binary is.
#include <gtest/gtest.h>

#include <string_view>

#include "ingest/extractor.h"

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == shortlist::ingest::kExtractWorkerCommand) {
    shortlist::ingest::RunExtractWorker(argc, argv);
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}

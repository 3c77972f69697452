#include <string_view>

#include "cli/cli.h"
#include "ingest/extractor.h"

int main(int argc, char** argv) {
  // A document extract worker started by the server or `screen` (ingest/extractor.h): it must
  // run before anything else starts a thread, and never returns.
  if (argc > 1 && std::string_view(argv[1]) == shortlist::ingest::kExtractWorkerCommand) {
    shortlist::ingest::RunExtractWorker(argc, argv);
  }
  return shortlist::cli::Main(argc, argv);
}

// The in-process Extractor: ingest::Extract behind the interface.
#include "ingest/extractor.h"

namespace shortlist::ingest {
namespace {

class InProcess final : public Extractor {
 public:
  Result<ExtractedDocument> Extract(std::string_view bytes, std::string_view filename,
                                    const ExtractLimits& limits) const override {
    return ingest::Extract(bytes, filename, limits);
  }
  Result<std::vector<ArchiveFile>> Unpack(std::string_view zip, std::string_view,
                                          const ArchiveLimits& limits) const override {
    return UnpackZip(zip, limits);
  }
};

}  // namespace

const Extractor& InProcessExtractor() {
  static const InProcess* const instance = new InProcess();
  return *instance;
}

}  // namespace shortlist::ingest

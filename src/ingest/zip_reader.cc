#include "ingest/zip_reader.h"

#include <zip.h>

#include <algorithm>
#include <vector>

namespace shortlist::ingest {

struct ZipReader::Impl {
  zip_t* archive = nullptr;
  ExtractLimits limits;
  std::size_t inflated_total = 0;  // bytes handed out so far, across entries
  ~Impl() {
    if (archive != nullptr) zip_discard(archive);
  }
};

ZipReader::ZipReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ZipReader::~ZipReader() = default;

Result<std::unique_ptr<ZipReader>> ZipReader::Open(std::string_view bytes,
                                                   const ExtractLimits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return Error::Make("corrupt_file", "the archive cannot be read");
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    zip_source_free(source);
    return Error::Make("corrupt_file", "the document is damaged or truncated (bad zip archive)");
  }
  auto impl = std::make_unique<Impl>();
  impl->archive = archive;
  impl->limits = limits;
  return std::unique_ptr<ZipReader>(new ZipReader(std::move(impl)));
}

bool ZipReader::Has(std::string_view name) const {
  return zip_name_locate(impl_->archive, std::string(name).c_str(), 0) >= 0;
}

std::vector<std::string> ZipReader::Names() const {
  std::vector<std::string> names;
  const zip_int64_t n = zip_get_num_entries(impl_->archive, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* name = zip_get_name(impl_->archive, static_cast<zip_uint64_t>(i), 0);
    if (name != nullptr) names.emplace_back(name);
  }
  return names;
}

Result<std::string> ZipReader::Read(std::string_view name) {
  const std::string key(name);
  const zip_int64_t index = zip_name_locate(impl_->archive, key.c_str(), 0);
  if (index < 0) return Error::Make("not_found", "the archive has no " + key);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(impl_->archive, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
    return Error::Make("corrupt_file", "the archive entry " + key + " is damaged");
  }
  const ExtractLimits& limits = impl_->limits;
  auto bomb = [&] {
    return Error::Make("file_too_large",
                       "the document inflates to more than the allowed size (a zip bomb?)");
  };
  // Declared sizes catch honest bombs before any work; the counter below catches lying ones.
  if ((st.valid & ZIP_STAT_SIZE) != 0) {
    if (st.size >
        limits.max_uncompressed - std::min(limits.max_uncompressed, impl_->inflated_total)) {
      return bomb();
    }
    if ((st.valid & ZIP_STAT_COMP_SIZE) != 0 && st.size > (1u << 20) &&
        static_cast<double>(st.size) >
            limits.max_compression_ratio *
                static_cast<double>(std::max<zip_uint64_t>(st.comp_size, 1))) {
      return bomb();
    }
  }
  zip_file_t* file = zip_fopen_index(impl_->archive, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) {
    return Error::Make("corrupt_file", "the archive entry " + key + " cannot be opened");
  }
  std::string out;
  char buffer[64 * 1024];
  while (true) {
    const zip_int64_t n = zip_fread(file, buffer, sizeof buffer);
    if (n < 0) {
      zip_fclose(file);
      return Error::Make("corrupt_file", "the archive entry " + key + " is damaged");
    }
    if (n == 0) break;
    impl_->inflated_total += static_cast<std::size_t>(n);
    if (impl_->inflated_total > limits.max_uncompressed) {
      zip_fclose(file);
      return bomb();
    }
    out.append(buffer, static_cast<std::size_t>(n));
  }
  zip_fclose(file);
  return out;
}

}  // namespace shortlist::ingest

// Extract(): caps, kind recognition, dispatch to the per-kind extractor, normalisation, flags.
#include <exception>
#include <new>
#include <string>

#include "ingest/ingest.h"
#include "ingest/internal.h"
#include "ingest/sniff.h"
#include "ingest/text_decode.h"
#include "ingest/zip_reader.h"

namespace shortlist::ingest {
namespace internal {

Error TimeoutError() {
  return Error::Make("timeout", "reading the file took longer than the time allowed");
}

}  // namespace internal

namespace {

std::string DisplayName(std::string_view filename) {
  return filename.empty() ? std::string("the file") : std::string(filename);
}

Error Named(Error e, std::string_view filename) {
  e.message = DisplayName(filename) + ": " + e.message;
  return e;
}

std::string SizeText(std::size_t bytes) {
  if (bytes >= (1u << 20)) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= 1024) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

// Which office format a zip holds: the ODF "mimetype" entry or Word's main part.
Result<DocumentKind> ClassifyZip(std::string_view bytes, const ExtractLimits& limits) {
  auto zip = ZipReader::Open(bytes, limits);
  if (!zip.ok()) return zip.error();
  ZipReader& reader = **zip;
  if (reader.Has("mimetype")) {
    auto mimetype = reader.Read("mimetype");
    if (!mimetype.ok()) return mimetype.error();
    if (mimetype->starts_with("application/vnd.oasis.opendocument.text")) {
      return DocumentKind::kOdt;
    }
    return Error::Make("unsupported_type", "an OpenDocument file of type " +
                                               mimetype->substr(0, 80) +
                                               " is not supported; send a text document");
  }
  if (reader.Has("word/document.xml")) return DocumentKind::kDocx;
  if (reader.Has("content.xml")) return DocumentKind::kOdt;  // ODT missing its mimetype entry
  if (reader.Has("xl/workbook.xml")) {
    return Error::Make("unsupported_type", "spreadsheets (XLSX) are not supported");
  }
  if (reader.Has("ppt/presentation.xml")) {
    return Error::Make("unsupported_type", "presentations (PPTX) are not supported");
  }
  return Error::Make("unsupported_type", "a zip archive that is not a DOCX or ODT document");
}

Status CheckSizeUnnamed(std::string_view bytes, const ExtractLimits& limits) {
  if (bytes.empty()) return Error::Make("empty_file", "the file is empty");
  if (bytes.size() > limits.max_bytes) {
    return Error::Make("file_too_large", "the file is " + SizeText(bytes.size()) +
                                             "; the limit is " + SizeText(limits.max_bytes));
  }
  return OkStatus();
}

Result<ExtractedDocument> ExtractUnnamed(std::string_view bytes, const ExtractLimits& limits) {
  if (Status size = CheckSizeUnnamed(bytes, limits); !size.ok()) return size.error();
  const internal::Deadline deadline(limits.timeout);
  const Sniffed sniffed = SniffMagic(bytes);
  ExtractedDocument doc;
  Result<internal::RawText> raw = internal::RawText{};
  switch (sniffed.magic) {
    case Magic::kUnsupported:
      return Error::Make("unsupported_type",
                         "the file is " + sniffed.what + ", not a document with text");
    case Magic::kPdf:
      doc.kind = DocumentKind::kPdf;
      raw = internal::ExtractPdf(bytes, limits, deadline);
      break;
    case Magic::kZip: {
      auto kind = ClassifyZip(bytes, limits);
      if (!kind.ok()) return kind.error();
      doc.kind = *kind;
      raw = doc.kind == DocumentKind::kDocx ? internal::ExtractDocx(bytes, limits, deadline)
                                            : internal::ExtractOdt(bytes, limits, deadline);
      break;
    }
    case Magic::kRtf:
      doc.kind = DocumentKind::kRtf;
      raw = internal::ExtractRtf(bytes, deadline);
      break;
    case Magic::kText: {
      std::string text = DecodeText(bytes);
      if (LooksBinary(text)) {
        return Error::Make("unsupported_type", "the file is binary data of an unknown kind");
      }
      doc.kind = ClassifyText(text);
      if (doc.kind == DocumentKind::kHtml) {
        raw = internal::ExtractHtml(text);
      } else if (doc.kind == DocumentKind::kMarkdown) {
        raw = internal::ExtractMarkdown(text);
      } else {
        raw = internal::RawText{std::move(text), {}, 1, {}};
      }
      break;
    }
  }
  if (!raw.ok()) return raw.error();
  if (deadline.Expired()) return internal::TimeoutError();
  doc.text = NormalizeText(raw->text);
  doc.hidden_text = NormalizeText(raw->hidden);
  doc.pages = raw->pages;
  if (!doc.hidden_text.empty()) doc.flags.push_back("hidden_text");
  for (std::string& flag : raw->flags) doc.flags.push_back(std::move(flag));
  if (doc.text.empty()) {
    if (doc.kind == DocumentKind::kPdf) {
      return Error::Make("no_text_layer", "the PDF has no visible text (a scanned image?)");
    }
    return Error::Make("empty_file", "the document contains no text");
  }
  return doc;
}

}  // namespace

std::string_view ToString(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kPdf:
      return "pdf";
    case DocumentKind::kDocx:
      return "docx";
    case DocumentKind::kOdt:
      return "odt";
    case DocumentKind::kRtf:
      return "rtf";
    case DocumentKind::kHtml:
      return "html";
    case DocumentKind::kMarkdown:
      return "markdown";
    case DocumentKind::kText:
      return "text";
  }
  return "unknown";
}

namespace internal {

Status CheckSize(std::string_view bytes, std::string_view filename, const ExtractLimits& limits) {
  Status size = CheckSizeUnnamed(bytes, limits);
  if (!size.ok()) return Named(size.error(), filename);
  return OkStatus();
}

Result<ExtractedDocument> ExtractLettingBadAllocThrough(std::string_view bytes,
                                                        std::string_view filename,
                                                        const ExtractLimits& limits) {
  try {
    auto result = ExtractUnnamed(bytes, limits);
    if (!result.ok()) return Named(result.error(), filename);
    return result;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    return Named(Error::Make("corrupt_file", std::string("the file cannot be read: ") + e.what()),
                 filename);
  }
}

}  // namespace internal

Result<ExtractedDocument> Extract(std::string_view bytes, std::string_view filename,
                                  const ExtractLimits& limits) {
  try {
    return internal::ExtractLettingBadAllocThrough(bytes, filename, limits);
  } catch (const std::bad_alloc&) {
    return Named(Error::Make("file_too_large", "the file needs more memory than allowed"),
                 filename);
  }
}

}  // namespace shortlist::ingest

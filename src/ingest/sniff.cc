#include "ingest/sniff.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace shortlist::ingest {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Signatures of common files that are not resumes we can read, so the error can say what the
// file is instead of "binary data".
constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kForeign = {{
    {"\x89PNG\r\n\x1a\n", "a PNG image"},
    {"\xFF\xD8\xFF", "a JPEG image"},
    {"GIF87a", "a GIF image"},
    {"GIF89a", "a GIF image"},
    {"II*\0", "a TIFF image"},
    {"MM\0*", "a TIFF image"},
    {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
     "a legacy Office file (.doc/.xls); save it as DOCX or PDF"},
    {"Rar!\x1A\x07", "a RAR archive"},
    {"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"},
    {"\x1F\x8B", "a gzip archive"},
    {"\x7F"
     "ELF",
     "an executable"},
}};

}  // namespace

Sniffed SniffMagic(std::string_view bytes) {
  // The PDF header may follow a little junk (the spec tolerates it within 1 KiB).
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return {Magic::kPdf, {}};
  if (StartsWith(bytes, "PK\x03\x04") || StartsWith(bytes, "PK\x05\x06")) return {Magic::kZip, {}};
  std::string_view head = bytes;
  if (StartsWith(head, "\xEF\xBB\xBF")) head.remove_prefix(3);
  while (!head.empty() && std::isspace(static_cast<unsigned char>(head.front()))) {
    head.remove_prefix(1);
  }
  if (StartsWith(head, "{\\rtf")) return {Magic::kRtf, {}};
  for (const auto& [signature, what] : kForeign) {
    if (StartsWith(bytes, signature)) return {Magic::kUnsupported, std::string(what)};
  }
  if (bytes.size() >= 12 && bytes.substr(4, 4) == "ftyp") {
    return {Magic::kUnsupported, "a video or HEIC image"};
  }
  return {Magic::kText, {}};
}

DocumentKind ClassifyText(std::string_view utf8) {
  const std::string head = Lower(utf8.substr(0, 4096));
  std::size_t start = head.find_first_not_of(" \t\r\n");
  if (start != std::string::npos && head[start] == '<') {
    for (std::string_view tag : {"<!doctype html", "<html", "<head", "<body", "<div", "<p>", "<p ",
                                 "<table", "<h1", "<meta", "<span", "<ul", "<br", "<!--"}) {
      if (head.find(tag) != std::string::npos) return DocumentKind::kHtml;
    }
  }
  if (head.find("<html") != std::string::npos && head.find("<body") != std::string::npos) {
    return DocumentKind::kHtml;
  }
  // Markdown: ATX headings, emphasis, links or fenced code. Bullets alone are plain text too.
  int signals = 0;
  std::size_t pos = 0;
  const std::string_view text = utf8.substr(0, 16384);
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    if (line.starts_with("# ") || line.starts_with("## ") || line.starts_with("### ") ||
        line.starts_with("```")) {
      signals += 2;
    }
    const std::size_t bracket = line.find("](");
    if (bracket != std::string_view::npos && line.rfind('[', bracket) != std::string_view::npos) {
      signals += 2;
    }
    const std::size_t bold = line.find("**");
    if (bold != std::string_view::npos && line.find("**", bold + 2) != std::string_view::npos) {
      ++signals;
    }
    pos = end + 1;
  }
  return signals >= 2 ? DocumentKind::kMarkdown : DocumentKind::kText;
}

}  // namespace shortlist::ingest

#include "fixtures.h"

#include <zip.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace shortlist::ingest::testing {
namespace {

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '(' || c == ')' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

PdfBuilder& PdfBuilder::Page(std::vector<Text> texts, bool with_image, std::vector<Rect> rects) {
  pages_.push_back(PageSpec{std::move(texts), with_image, std::move(rects)});
  return *this;
}

std::string PdfBuilder::Build() const {
  // Object numbers: 1 catalog, 2 pages, 3 font, 4 image, then per page: page, contents.
  std::vector<std::string> objects;
  const int first_page = 5;
  std::string kids;
  for (std::size_t i = 0; i < pages_.size(); ++i) {
    kids += std::to_string(first_page + 2 * i) + " 0 R ";
  }
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages_.size()) +
                    " >>");
  objects.push_back(
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  // A 4x4 grey-scale "scan".
  const std::string pixels = "\x10\x80\xF0\x40\x80\x10\x40\xF0\xF0\x40\x10\x80\x40\xF0\x80\x10";
  objects.push_back(
      "<< /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace "
      "/DeviceGray /BitsPerComponent 8 /Length 16 >>\nstream\n" +
      pixels + "\nendstream");
  for (std::size_t i = 0; i < pages_.size(); ++i) {
    std::string content;
    if (pages_[i].image) content += "q 400 0 0 500 100 150 cm /Im1 Do Q\n";
    for (const Rect& r : pages_[i].rects) {
      content += Num(r.gray) + " g " + Num(r.x) + " " + Num(r.y) + " " + Num(r.width) + " " +
                 Num(r.height) + " re f\n";
    }
    for (const Text& t : pages_[i].texts) {
      content += "BT /F1 " + Num(t.size) + " Tf " + Num(t.gray) + " g " + Num(t.x) + " " +
                 Num(t.y) + " Td (" + Escape(t.text) + ") Tj ET\n";
    }
    objects.push_back(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font "
        "<< /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> /Contents " +
        std::to_string(first_page + 2 * i + 1) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
                      "endstream");
  }
  std::string trailer_extra;
  if (encrypted_) {
    // Standard security handler, RC4 40-bit, with an /U entry that no empty password matches:
    // a reader must ask for a password.
    const std::string hex32(64, 'A');
    objects.push_back("<< /Filter /Standard /V 1 /R 2 /O <" + hex32 + "> /U <" + hex32 +
                      "> /P -44 >>");
    trailer_extra = " /Encrypt " + std::to_string(objects.size()) +
                    " 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> "
                    "<0123456789ABCDEF0123456789ABCDEF>]";
  }
  std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R" +
         trailer_extra + " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& entries,
                    bool stored_first) {
  char path[] = "/tmp/shortlist-fixture-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("mkstemp");
  close(fd);
  int error = 0;
  zip_t* z = zip_open(path, ZIP_TRUNCATE | ZIP_CREATE, &error);
  if (z == nullptr) throw std::runtime_error("zip_open");
  bool first = true;
  for (const auto& [name, content] : entries) {
    zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
    const zip_int64_t index = zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE);
    if (index < 0) throw std::runtime_error("zip_file_add");
    zip_set_file_compression(z, static_cast<zip_uint64_t>(index),
                             first && stored_first ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9);
    first = false;
  }
  if (zip_close(z) != 0) throw std::runtime_error("zip_close");
  std::string bytes;
  if (FILE* f = std::fopen(path, "rb")) {
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.append(buf, n);
    std::fclose(f);
  }
  std::remove(path);
  return bytes;
}

std::string MakeDocx(const std::string& body_xml, const std::string& header_xml) {
  const std::string ns =
      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
      "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"";
  std::vector<std::pair<std::string, std::string>> entries = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override "
       "PartName=\"/word/document.xml\" "
       "ContentType=\"application/"
       "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
      {"word/document.xml", "<?xml version=\"1.0\"?><w:document " + ns + "><w:body>" + body_xml +
                                "</w:body></w:document>"},
  };
  if (!header_xml.empty()) {
    entries.emplace_back("word/header1.xml",
                         "<?xml version=\"1.0\"?><w:hdr " + ns + ">" + header_xml + "</w:hdr>");
  }
  return MakeZip(entries);
}

std::string MakeOdt(const std::string& text_xml, const std::string& styles_xml) {
  const std::string ns =
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
      "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
      "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
      "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\"";
  return MakeZip(
      {{"mimetype", "application/vnd.oasis.opendocument.text"},
       {"content.xml", "<?xml version=\"1.0\"?><office:document-content " + ns +
                           "><office:automatic-styles>" + styles_xml +
                           "</office:automatic-styles><office:body><office:text>" + text_xml +
                           "</office:text></office:body></office:document-content>"}},
      /*stored_first=*/true);
}

}  // namespace shortlist::ingest::testing

// Writes small valid files of every kind into <dir>/<fuzz target>/ as seed corpora for the fuzz
// targets: usage `fuzz_ingest_seeds <dir>`. Built from the same fixture writers as the tests.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "fixtures.h"
#include "ingest/extract_protocol.h"

namespace {

void Write(const std::filesystem::path& dir, const std::string& name, const std::string& bytes) {
  std::filesystem::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << bytes;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <corpus-dir>\n", argv[0]);
    return 2;
  }
  using namespace shortlist::ingest::testing;
  const std::filesystem::path root = argv[1];
  const std::string pdf =
      PdfBuilder()
          .Page({{72, 720, 12, "Jane Doe"}, {300, 700, 10, "Right column"}, {72, 100, 1, "tiny"}})
          .ImagePage()
          .Build();
  const std::string locked = PdfBuilder().Page({{72, 720, 12, "x"}}).Encrypted().Build();
  const std::string docx = MakeDocx(
      "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p>"
      "<w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
      "<w:p><w:r><w:t>header</w:t></w:r></w:p>");
  const std::string odt = MakeOdt(
      "<text:h>Name</text:h><text:p>a<text:s text:c=\"2\"/>b<text:span "
      "text:style-name=\"H\">c</text:span></text:p>",
      "<style:style style:name=\"H\"><style:text-properties text:display=\"none\"/></style:style>");
  const std::string rtf =
      "{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}{\\colortbl;\\red255\\green255\\blue255;}"
      "Caf\\'e9 \\u8364? {\\v hidden}{\\cf1 white}\\par\\trowd a\\cell b\\cell\\row}";
  const std::string html =
      "<html><head><style>x{}</style></head><body><h1>Name</h1><p style=\"display:none\">h</p>"
      "<table><tr><td>a&amp;b</td></tr></table><script>x</script></body></html>";
  const std::string md = "# Name\n\n**bold** [link](https://x.io)\n\n```\ncode\n```\n";

  Write(root / "fuzz_ingest_pdf", "doc.pdf", pdf);
  Write(root / "fuzz_ingest_pdf", "locked.pdf", locked);
  Write(root / "fuzz_ingest_office", "doc.docx", std::string(1, '\0') + docx);
  Write(root / "fuzz_ingest_office", "doc.odt", std::string(1, '\1') + odt);
  Write(root / "fuzz_ingest_rtf", "doc.rtf", rtf);
  Write(root / "fuzz_ingest_html", "doc.html", std::string(1, '\0') + html);
  Write(root / "fuzz_ingest_html", "doc.md", std::string(1, '\1') + md);
  for (const auto& [name, bytes] : {std::pair{"doc.pdf", pdf},
                                    {"doc.docx", docx},
                                    {"doc.odt", odt},
                                    {"doc.rtf", rtf},
                                    {"doc.html", html},
                                    {"doc.md", md},
                                    {"utf16.txt", std::string("\xFF\xFE"
                                                              "a\0b\0",
                                                              6)},
                                    {"latin1.txt", std::string("Jos\xE9")}}) {
    Write(root / "fuzz_ingest_text", name, bytes);
  }
  Write(root / "fuzz_ingest_layout", "boxes.bin", std::string(170, '\x41'));

  // Worker replies, each after a byte that picks the read size.
  namespace protocol = shortlist::ingest::protocol;
  shortlist::ingest::ExtractedDocument doc;
  doc.text = "Jane Doe\nPython";
  doc.hidden_text = "white";
  doc.pages = 2;
  doc.flags = {"hidden_text"};
  const std::filesystem::path replies = root / "fuzz_ingest_extract_protocol";
  Write(replies, "document.bin", "\x07" + protocol::EncodeDocument(doc));
  Write(replies, "error.bin",
        "\x01" + protocol::EncodeError(shortlist::Error::Make("corrupt_file", "cv.pdf: damaged")));
  Write(replies, "hello.bin", "\x03" + protocol::EncodeHello(protocol::kSeccomp));
  Write(replies, "memory.bin", "\x3f" + protocol::EncodeMemory());
  return 0;
}

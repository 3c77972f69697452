// DOCX -> text: word/document.xml (paragraphs, tables, text boxes) plus the page headers and
// footers, walked with pugixml.
//
// Hidden runs: w:vanish (hidden text), a size under 3 pt (w:sz is in half-points), and white
// text (w:color FFFFFF) unless something around it is shaded (run shading or highlight,
// paragraph or cell shading, a page background, or a text box whose fill we do not read), since
// white on a dark cell is a common and perfectly visible resume design.
#include <pugixml.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <set>
#include <string>
#include <vector>

#include "ingest/color.h"
#include "ingest/internal.h"
#include "ingest/text_builder.h"
#include "ingest/zip_reader.h"

namespace shortlist::ingest::internal {
namespace {

constexpr int kMaxDepth = 256;  // deeper nesting is ignored rather than recursed into
constexpr int kTinyHalfPoints = 6;

bool IsOn(const pugi::xml_node& toggle) {
  if (!toggle) return false;
  const char* v = toggle.attribute("w:val").value();
  return std::strcmp(v, "0") != 0 && std::strcmp(v, "false") != 0 && std::strcmp(v, "off") != 0;
}

bool Shaded(const pugi::xml_node& props) {
  if (!props) return false;
  if (auto shd = props.child("w:shd")) {
    if (IsColouredBackground(shd.attribute("w:fill").value())) return true;
  }
  if (auto hl = props.child("w:highlight")) {
    if (IsColouredBackground(hl.attribute("w:val").value())) return true;
  }
  return false;
}

class DocxWalker {
 public:
  DocxWalker(TextBuilder& out, bool page_background) : out_(out), shaded_(page_background) {}

  void Walk(const pugi::xml_node& node, int depth) {
    if (depth > kMaxDepth) return;
    for (const pugi::xml_node& child : node.children()) Visit(child, depth + 1);
  }

 private:
  void Visit(const pugi::xml_node& n, int depth) {
    const char* name = n.name();
    if (std::strcmp(name, "w:t") == 0) {
      out_.Append(n.text().get(), hidden_);
    } else if (std::strcmp(name, "w:tab") == 0 || std::strcmp(name, "w:ptab") == 0) {
      out_.Tab(hidden_);
    } else if (std::strcmp(name, "w:br") == 0 || std::strcmp(name, "w:cr") == 0) {
      if (in_cell_ > 0) {
        out_.Append(" ", hidden_);
      } else {
        out_.EndLine();
      }
    } else if (std::strcmp(name, "w:noBreakHyphen") == 0) {
      out_.Append("-", hidden_);
    } else if (std::strcmp(name, "w:p") == 0) {
      const bool saved = shaded_;
      shaded_ = shaded_ || Shaded(n.child("w:pPr"));
      Walk(n, depth);
      shaded_ = saved;
      if (in_cell_ > 0) {
        out_.Append(" ", false);
      } else {
        out_.EndLine();
      }
    } else if (std::strcmp(name, "w:r") == 0) {
      VisitRun(n, depth);
    } else if (std::strcmp(name, "w:tr") == 0) {
      Walk(n, depth);
      out_.EndLine();
    } else if (std::strcmp(name, "w:tc") == 0) {
      const bool saved = shaded_;
      shaded_ = shaded_ || Shaded(n.child("w:tcPr"));
      ++in_cell_;
      Walk(n, depth);
      --in_cell_;
      shaded_ = saved;
      out_.Tab(false);
    } else if (std::strcmp(name, "w:txbxContent") == 0) {
      // Text boxes float; their fill lives in DrawingML we do not read, so white text in them
      // is assumed visible. Their paragraphs are lines of their own.
      const bool saved = shaded_;
      const int saved_cell = in_cell_;
      shaded_ = true;
      in_cell_ = 0;
      out_.EndLine();
      Walk(n, depth);
      out_.EndLine();
      shaded_ = saved;
      in_cell_ = saved_cell;
    } else if (std::strcmp(name, "mc:AlternateContent") == 0) {
      // Choice and Fallback hold the same content twice; read one.
      if (auto choice = n.child("mc:Choice")) {
        Walk(choice, depth);
      } else {
        Walk(n.child("mc:Fallback"), depth);
      }
    } else if (std::strcmp(name, "w:del") == 0 || std::strcmp(name, "w:delText") == 0 ||
               std::strcmp(name, "w:instrText") == 0 || std::strcmp(name, "w:rPr") == 0 ||
               std::strcmp(name, "w:pPr") == 0 || std::strcmp(name, "w:tblPr") == 0 ||
               std::strcmp(name, "w:tcPr") == 0 || std::strcmp(name, "w:sectPr") == 0 ||
               std::strcmp(name, "w:moveFrom") == 0) {
      // Properties, deleted revisions and field codes are not text a reader sees.
    } else {
      Walk(n, depth);  // hyperlinks, smart tags, content controls, insertions, drawings...
    }
  }

  void VisitRun(const pugi::xml_node& run, int depth) {
    const pugi::xml_node props = run.child("w:rPr");
    bool hidden = IsOn(props.child("w:vanish")) || IsOn(props.child("w:specVanish"));
    if (auto sz = props.child("w:sz")) {
      const int half_points = std::atoi(sz.attribute("w:val").value());
      hidden = hidden || (half_points > 0 && half_points < kTinyHalfPoints);
    }
    if (auto color = props.child("w:color")) {
      const bool white = IsNearWhite(color.attribute("w:val").value()) ||
                         IsNearWhite(color.attribute("w:themeColor").value());
      hidden = hidden || (white && !shaded_ && !Shaded(props));
    }
    const bool saved = hidden_;
    hidden_ = hidden_ || hidden;
    Walk(run, depth);
    hidden_ = saved;
  }

  TextBuilder& out_;
  bool shaded_;
  bool hidden_ = false;
  int in_cell_ = 0;
};

Result<pugi::xml_document*> Parse(pugi::xml_document& doc, const std::string& xml,
                                  const std::string& part) {
  const pugi::xml_parse_result ok =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  // pugixml reports running out of memory as a parse status; Extract answers it like any other
  // allocation failure.
  if (ok.status == pugi::status_out_of_memory) throw std::bad_alloc();
  if (!ok) return Error::Make("corrupt_file", "the document part " + part + " is not valid XML");
  return &doc;
}

Status AppendPart(ZipReader& zip, const std::string& part, TextBuilder& out,
                  std::set<std::string>* seen) {
  auto xml = zip.Read(part);
  if (!xml.ok()) return xml.error();
  pugi::xml_document doc;
  if (auto parsed = Parse(doc, *xml, part); !parsed.ok()) return parsed.error();
  TextBuilder part_text;
  DocxWalker(part_text, false).Walk(doc.document_element(), 0);
  // Word writes one header per page kind (first, even, default); they usually repeat.
  if (seen != nullptr && !seen->insert(part_text.visible() + '\0' + part_text.hidden()).second) {
    return OkStatus();
  }
  out.Append(part_text.visible(), false);
  out.Append(part_text.hidden(), true);
  out.EndLine();
  return OkStatus();
}

}  // namespace

Result<RawText> ExtractDocx(std::string_view bytes, const ExtractLimits& limits,
                            const Deadline& deadline) {
  auto zip = ZipReader::Open(bytes, limits);
  if (!zip.ok()) return zip.error();
  ZipReader& reader = **zip;
  std::vector<std::string> headers, footers;
  for (const std::string& name : reader.Names()) {
    if (name.rfind("word/header", 0) == 0 && name.ends_with(".xml")) headers.push_back(name);
    if (name.rfind("word/footer", 0) == 0 && name.ends_with(".xml")) footers.push_back(name);
  }
  std::sort(headers.begin(), headers.end());
  std::sort(footers.begin(), footers.end());

  TextBuilder out;
  std::set<std::string> seen;
  for (const auto& part : headers) {
    if (deadline.Expired()) return TimeoutError();
    if (auto s = AppendPart(reader, part, out, &seen); !s.ok()) return s.error();
  }
  if (deadline.Expired()) return TimeoutError();
  {
    auto xml = reader.Read("word/document.xml");
    if (!xml.ok()) return xml.error();
    pugi::xml_document doc;
    if (auto parsed = Parse(doc, *xml, "word/document.xml"); !parsed.ok()) return parsed.error();
    const pugi::xml_node root = doc.document_element();
    const bool page_background =
        IsColouredBackground(root.child("w:background").attribute("w:color").value());
    DocxWalker(out, page_background).Walk(root.child("w:body"), 0);
    out.EndLine();
  }
  for (const auto& part : footers) {
    if (deadline.Expired()) return TimeoutError();
    if (auto s = AppendPart(reader, part, out, &seen); !s.ok()) return s.error();
  }
  RawText raw;
  raw.text = out.TakeVisible();
  raw.hidden = out.TakeHidden();
  return raw;
}

}  // namespace shortlist::ingest::internal

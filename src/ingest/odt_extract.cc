// ODT -> text: content.xml (paragraphs, headings, lists, tables, frames) plus the master pages'
// headers and footers in styles.xml, walked with pugixml.
//
// Hidden text comes from styles: text:display="none", a font under 3 pt, or white text (unless
// the paragraph, cell or frame has a background). Styles inherit through parent-style-name.
#include <pugixml.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <new>
#include <optional>
#include <string>

#include "ingest/color.h"
#include "ingest/internal.h"
#include "ingest/text_builder.h"
#include "ingest/zip_reader.h"

namespace shortlist::ingest::internal {
namespace {

constexpr int kMaxDepth = 256;
constexpr double kTinyPoints = 3.0;

struct OdtStyle {
  std::string parent;
  std::optional<bool> invisible;  // display none or tiny font
  std::optional<bool> white;
  std::optional<bool> background;
};

class StyleTable {
 public:
  void Load(const pugi::xml_node& container) {
    for (const pugi::xml_node& s : container.children("style:style")) {
      OdtStyle style;
      style.parent = s.attribute("style:parent-style-name").value();
      if (auto tp = s.child("style:text-properties")) {
        const std::string display = tp.attribute("text:display").value();
        if (display == "none") style.invisible = true;
        if (auto size = tp.attribute("fo:font-size")) {
          const std::string v = size.value();
          if (v.ends_with("pt")) {
            const double pt = std::atof(v.c_str());
            if (pt > 0 && pt < kTinyPoints) style.invisible = true;
          }
        }
        if (auto color = tp.attribute("fo:color")) style.white = IsNearWhite(color.value());
        if (auto bg = tp.attribute("fo:background-color")) {
          style.background = IsColouredBackground(bg.value());
        }
      }
      for (const char* props : {"style:paragraph-properties", "style:table-cell-properties",
                                "style:graphic-properties"}) {
        if (auto pp = s.child(props)) {
          if (auto bg = pp.attribute("fo:background-color")) {
            style.background = style.background.value_or(false) || IsColouredBackground(bg.value());
          }
          if (std::strcmp(props, "style:graphic-properties") == 0 &&
              IsColouredBackground(pp.attribute("draw:fill-color").value())) {
            style.background = true;
          }
        }
      }
      styles_[s.attribute("style:name").value()] = std::move(style);
    }
  }

  bool Invisible(const std::string& name) const { return Lookup(name, &OdtStyle::invisible); }
  bool White(const std::string& name) const { return Lookup(name, &OdtStyle::white); }
  bool Background(const std::string& name) const { return Lookup(name, &OdtStyle::background); }

 private:
  bool Lookup(std::string name, std::optional<bool> OdtStyle::*field) const {
    for (int hops = 0; hops < 16 && !name.empty(); ++hops) {
      auto it = styles_.find(name);
      if (it == styles_.end()) return false;
      if ((it->second.*field).has_value()) return *(it->second.*field);
      name = it->second.parent;
    }
    return false;
  }
  std::map<std::string, OdtStyle> styles_;
};

class OdtWalker {
 public:
  OdtWalker(TextBuilder& out, const StyleTable& styles) : out_(out), styles_(styles) {}

  void Walk(const pugi::xml_node& node, int depth) {
    if (depth > kMaxDepth) return;
    for (const pugi::xml_node& child : node.children()) Visit(child, depth + 1);
  }

 private:
  bool Hidden() const { return invisible_ || (white_ && !background_); }

  // Applies a style for the duration of `body`.
  template <typename F>
  void WithStyle(const pugi::xml_node& n, const char* attribute, F body) {
    const std::string style = n.attribute(attribute).value();
    const bool saved_invisible = invisible_, saved_white = white_, saved_bg = background_;
    if (!style.empty()) {
      invisible_ = invisible_ || styles_.Invisible(style);
      if (styles_.White(style)) white_ = true;
      background_ = background_ || styles_.Background(style);
    }
    body();
    invisible_ = saved_invisible, white_ = saved_white, background_ = saved_bg;
  }

  void AppendText(const char* text) {
    std::string s(text);
    for (char& c : s) {
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';  // ODF treats these as spaces
    }
    out_.Append(s, Hidden());
  }

  void Visit(const pugi::xml_node& n, int depth) {
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
      AppendText(n.value());
      return;
    }
    if (n.type() != pugi::node_element) return;
    const std::string_view name = n.name();
    if (name == "text:p" || name == "text:h") {
      WithStyle(n, "text:style-name", [&] { Walk(n, depth); });
      if (in_cell_ > 0) {
        out_.Append(" ", false);
      } else {
        out_.EndLine();
      }
    } else if (name == "text:span" || name == "text:a") {
      WithStyle(n, "text:style-name", [&] { Walk(n, depth); });
    } else if (name == "text:s") {
      const int count = std::max(1, std::min(100, std::atoi(n.attribute("text:c").value())));
      out_.Append(std::string(static_cast<std::size_t>(count), ' '), Hidden());
    } else if (name == "text:tab") {
      out_.Tab(Hidden());
    } else if (name == "text:line-break") {
      if (in_cell_ > 0) {
        out_.Append(" ", Hidden());
      } else {
        out_.EndLine();
      }
    } else if (name == "table:table-row") {
      Walk(n, depth);
      out_.EndLine();
    } else if (name == "table:table-cell") {
      ++in_cell_;
      WithStyle(n, "table:style-name", [&] { Walk(n, depth); });
      --in_cell_;
      out_.Tab(false);
    } else if (name == "draw:frame") {
      // Frames (text boxes) float; treat their background as unknown, i.e. white text visible.
      const bool saved_bg = background_;
      const int saved_cell = in_cell_;
      background_ = true;
      in_cell_ = 0;
      out_.EndLine();
      Walk(n, depth);
      out_.EndLine();
      background_ = saved_bg;
      in_cell_ = saved_cell;
    } else if (name == "text:hidden-text") {
      out_.Append(n.attribute("text:string-value").value(), true);
    } else if (name == "text:hidden-paragraph") {
      // A marker: the paragraph it sits in may be hidden by a condition. Nothing to read.
    } else if (name == "office:annotation" || name == "text:tracked-changes" ||
               name == "text:sequence-decls" || name == "office:forms" ||
               name == "text:note-citation" || name == "office:annotation-end") {
      // Comments, deleted revisions and bookkeeping are not page text.
    } else {
      Walk(n, depth);
    }
  }

  TextBuilder& out_;
  const StyleTable& styles_;
  bool invisible_ = false, white_ = false, background_ = false;
  int in_cell_ = 0;
};

Status ParseXml(pugi::xml_document& doc, const std::string& xml, const char* part) {
  const pugi::xml_parse_result ok =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  // pugixml reports running out of memory as a parse status; Extract answers it like any other
  // allocation failure.
  if (ok.status == pugi::status_out_of_memory) throw std::bad_alloc();
  if (!ok) {
    return Error::Make("corrupt_file",
                       std::string("the document part ") + part + " is not valid XML");
  }
  return OkStatus();
}

}  // namespace

Result<RawText> ExtractOdt(std::string_view bytes, const ExtractLimits& limits,
                           const Deadline& deadline) {
  auto zip = ZipReader::Open(bytes, limits);
  if (!zip.ok()) return zip.error();
  ZipReader& reader = **zip;

  StyleTable styles;
  pugi::xml_document styles_doc;
  if (reader.Has("styles.xml")) {
    auto xml = reader.Read("styles.xml");
    if (!xml.ok()) return xml.error();
    if (auto s = ParseXml(styles_doc, *xml, "styles.xml"); !s.ok()) return s.error();
    const pugi::xml_node root = styles_doc.document_element();
    styles.Load(root.child("office:styles"));
    styles.Load(root.child("office:automatic-styles"));
  }
  if (deadline.Expired()) return TimeoutError();
  auto xml = reader.Read("content.xml");
  if (!xml.ok()) return xml.error();
  pugi::xml_document content;
  if (auto s = ParseXml(content, *xml, "content.xml"); !s.ok()) return s.error();
  const pugi::xml_node root = content.document_element();
  styles.Load(root.child("office:automatic-styles"));
  if (deadline.Expired()) return TimeoutError();

  TextBuilder out;
  OdtWalker walker(out, styles);
  const pugi::xml_node masters = styles_doc.document_element().child("office:master-styles");
  for (const pugi::xml_node& page : masters.children("style:master-page")) {
    walker.Walk(page.child("style:header"), 0);
    out.EndLine();
  }
  walker.Walk(root.child("office:body").child("office:text"), 0);
  out.EndLine();
  for (const pugi::xml_node& page : masters.children("style:master-page")) {
    walker.Walk(page.child("style:footer"), 0);
    out.EndLine();
  }
  RawText raw;
  raw.text = out.TakeVisible();
  raw.hidden = out.TakeHidden();
  return raw;
}

}  // namespace shortlist::ingest::internal

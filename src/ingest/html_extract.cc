// HTML -> text: a forgiving tokenizer (real resumes are exported from word processors and are
// rarely valid), block elements as line breaks, table cells as tabs, entities decoded.
//
// Hidden text: elements with the `hidden` attribute or inline styles display:none,
// visibility:hidden, opacity:0, a font size under 3 px/pt, or white text without a background
// set on the element or an ancestor. Stylesheets in <style> are not applied (class-based hiding
// goes undetected); scripts, styles, <head> and SVG carry no page text and are dropped.
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "common/html_entities.h"
#include "ingest/color.h"
#include "ingest/internal.h"
#include "ingest/text_builder.h"
#include "ingest/text_decode.h"

namespace shortlist::ingest::internal {
namespace {

constexpr std::size_t kMaxDepth = 512;

struct Open {
  std::string name;
  bool hidden = false;
  bool white = false;
  bool background = false;
};

bool OneOf(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

bool IsBlock(std::string_view n) {
  return OneOf(n, {"p",          "div",   "li",       "tr",         "h1",      "h2",      "h3",
                   "h4",         "h5",    "h6",       "section",    "article", "header",  "footer",
                   "ul",         "ol",    "table",    "blockquote", "pre",     "hr",      "dt",
                   "dd",         "dl",    "address",  "nav",        "aside",   "main",    "figure",
                   "figcaption", "form",  "fieldset", "details",    "summary", "caption", "br",
                   "tbody",      "thead", "tfoot",    "body",       "center",  "legend"});
}

bool IsVoid(std::string_view n) {
  return OneOf(n, {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr",
                   "source", "track", "embed", "param", "keygen"});
}

bool IsDropped(std::string_view n) {
  return OneOf(n, {"script", "style", "head", "title", "svg", "math", "template", "noscript",
                   "iframe", "object", "select", "xml"});
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Appends `text` with entities decoded; whitespace collapsed unless `preformatted`.
void DecodeInto(std::string_view text, bool preformatted, std::string& out) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '&') {
      std::size_t length = 0;
      const int32_t cp = DecodeCharacterReference(text, i, &length);
      if (cp >= 0) {
        AppendUtf8(out, static_cast<char32_t>(cp));
        i += length - 1;
        continue;
      }
      out.push_back('&');
    } else if (!preformatted && (c == '\n' || c == '\r' || c == '\t' || c == '\f')) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
}

// Inline style declarations, lower-cased with blanks removed: "display:none;color:#fff".
std::string StyleOf(std::string_view attributes) {
  const std::string lower = Lower(attributes);
  const std::size_t at = lower.find("style");
  if (at == std::string::npos) return {};
  std::size_t i = lower.find('=', at);
  if (i == std::string::npos) return {};
  ++i;
  while (i < lower.size() && std::isspace(static_cast<unsigned char>(lower[i]))) ++i;
  if (i >= lower.size()) return {};
  std::size_t end;
  if (lower[i] == '"' || lower[i] == '\'') {
    end = lower.find(lower[i], i + 1);
    ++i;
  } else {
    end = lower.find_first_of(" \t\r\n>", i);
  }
  if (end == std::string::npos) end = lower.size();
  std::string out;
  for (std::size_t k = i; k < end; ++k) {
    if (!std::isspace(static_cast<unsigned char>(lower[k]))) out.push_back(lower[k]);
  }
  return out;
}

// The value of `property` in a compact style string, or empty.
std::string Property(const std::string& style, std::string_view property) {
  std::size_t from = 0;
  while (true) {
    const std::size_t at = style.find(property, from);
    if (at == std::string::npos) return {};
    const std::size_t colon = at + property.size();
    if ((at == 0 || style[at - 1] == ';') && colon < style.size() && style[colon] == ':') {
      const std::size_t end = style.find(';', colon);
      return style.substr(colon + 1, end == std::string::npos ? end : end - colon - 1);
    }
    from = at + 1;
  }
}

bool HasBooleanAttribute(std::string_view attributes, std::string_view name) {
  const std::string lower = Lower(attributes);
  std::size_t from = 0;
  while (true) {
    const std::size_t at = lower.find(name, from);
    if (at == std::string::npos) return false;
    const bool start_ok = at == 0 || std::isspace(static_cast<unsigned char>(lower[at - 1]));
    const std::size_t after = at + name.size();
    const bool end_ok = after >= lower.size() || lower[after] == '=' || lower[after] == '/' ||
                        std::isspace(static_cast<unsigned char>(lower[after]));
    if (start_ok && end_ok) return true;
    from = at + 1;
  }
}

class HtmlParser {
 public:
  explicit HtmlParser(std::string_view in) : in_(in) {}

  RawText Run() {
    std::string text;
    while (pos_ < in_.size()) {
      const std::size_t lt = in_.find('<', pos_);
      const std::size_t stop = lt == std::string_view::npos ? in_.size() : lt;
      if (stop > pos_) Text(in_.substr(pos_, stop - pos_));
      pos_ = stop;
      if (pos_ < in_.size()) Tag();
    }
    RawText raw;
    raw.text = out_.TakeVisible();
    raw.hidden = out_.TakeHidden();
    return raw;
  }

 private:
  bool Hidden() const {
    if (stack_.empty()) return false;
    return stack_.back().hidden || (stack_.back().white && !stack_.back().background);
  }
  bool Preformatted() const {
    return std::any_of(stack_.begin(), stack_.end(), [](const Open& o) { return o.name == "pre"; });
  }

  void Text(std::string_view raw) {
    std::string decoded;
    DecodeInto(raw, Preformatted(), decoded);
    out_.Append(decoded, Hidden());
  }

  void Tag() {
    // pos_ is at '<'.
    if (in_.substr(pos_, 4) == "<!--") {
      const std::size_t end = in_.find("-->", pos_ + 4);
      pos_ = end == std::string_view::npos ? in_.size() : end + 3;
      return;
    }
    const char next = pos_ + 1 < in_.size() ? in_[pos_ + 1] : '\0';
    if (next == '!' || next == '?') {
      const std::size_t end = in_.find('>', pos_);
      pos_ = end == std::string_view::npos ? in_.size() : end + 1;
      return;
    }
    const bool closing = next == '/';
    std::size_t i = pos_ + (closing ? 2 : 1);
    if (i >= in_.size() || !std::isalpha(static_cast<unsigned char>(in_[i]))) {
      Text(in_.substr(pos_, 1));  // a stray '<' is text
      ++pos_;
      return;
    }
    const std::size_t name_start = i;
    while (i < in_.size() &&
           (std::isalnum(static_cast<unsigned char>(in_[i])) || in_[i] == '-' || in_[i] == ':')) {
      ++i;
    }
    const std::string name = Lower(in_.substr(name_start, i - name_start));
    std::size_t end = i;
    char quote = 0;
    while (end < in_.size() && (quote != 0 || in_[end] != '>')) {
      if (quote == 0 && (in_[end] == '"' || in_[end] == '\'')) {
        quote = in_[end];
      } else if (quote != 0 && in_[end] == quote) {
        quote = 0;
      }
      ++end;
    }
    const std::string_view attributes = in_.substr(i, end - i);
    pos_ = end < in_.size() ? end + 1 : in_.size();

    if (closing) {
      Close(name);
      return;
    }
    if (IsDropped(name)) {
      SkipElement(name);
      return;
    }
    if (IsBlock(name)) out_.EndLine();
    if (name == "td" || name == "th") out_.Tab(Hidden());
    const bool self_closing = !attributes.empty() && attributes.back() == '/';
    if (IsVoid(name) || self_closing) return;
    OpenElement(name, attributes);
  }

  void OpenElement(const std::string& name, std::string_view attributes) {
    Open open{name, false, false, false};
    if (!stack_.empty()) {
      open.hidden = stack_.back().hidden;
      open.white = stack_.back().white;
      open.background = stack_.back().background;
    }
    if (HasBooleanAttribute(attributes, "hidden")) open.hidden = true;
    const std::string style = StyleOf(attributes);
    if (!style.empty()) {
      const std::string display = Property(style, "display");
      const std::string visibility = Property(style, "visibility");
      const std::string opacity = Property(style, "opacity");
      const std::string size = Property(style, "font-size");
      if (display == "none" || visibility == "hidden" || opacity == "0") open.hidden = true;
      if ((size.ends_with("px") || size.ends_with("pt")) && std::atof(size.c_str()) < 3) {
        open.hidden = true;
      }
      const std::string colour = Property(style, "color");
      if (!colour.empty()) open.white = IsNearWhite(colour);
      for (const char* bg : {"background", "background-color"}) {
        if (IsColouredBackground(Property(style, bg))) open.background = true;
      }
    }
    if (stack_.size() < kMaxDepth) stack_.push_back(std::move(open));
  }

  void Close(const std::string& name) {
    for (std::size_t k = stack_.size(); k > 0; --k) {
      if (stack_[k - 1].name == name) {
        stack_.resize(k - 1);
        break;
      }
    }
    if (OneOf(name, {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "dl",
                     "blockquote", "pre", "section", "article", "header", "footer"})) {
      out_.EndParagraph();  // a blank line after paragraphs, headings, lists and tables
    } else if (IsBlock(name)) {
      out_.EndLine();
    }
  }

  // Drops everything up to the matching end tag (raw text for <script> and <style>).
  void SkipElement(const std::string& name) {
    const std::string needle = "</" + name;
    std::size_t at = pos_;
    while (true) {
      at = in_.find("</", at);
      if (at == std::string_view::npos) {
        pos_ = in_.size();
        return;
      }
      if (Lower(in_.substr(at, needle.size())) == needle) break;
      at += 2;
    }
    const std::size_t gt = in_.find('>', at);
    pos_ = gt == std::string_view::npos ? in_.size() : gt + 1;
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  std::vector<Open> stack_;
  TextBuilder out_;
};

}  // namespace

RawText ExtractHtml(std::string_view utf8) { return HtmlParser(utf8).Run(); }

}  // namespace shortlist::ingest::internal

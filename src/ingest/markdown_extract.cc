// Markdown -> text: the reader sees rendered Markdown, so markup goes and its text stays.
// Headings lose their '#', emphasis markers and code fences go, links keep their text and
// their target in parentheses (a portfolio or profile URL is worth keeping), images keep their
// alt text, and inline HTML is read as HTML (so hidden HTML is reported as hidden).
#include <string>
#include <string_view>

#include "ingest/internal.h"

namespace shortlist::ingest::internal {
namespace {

std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

// Inline markup of one line.
std::string Inline(std::string_view line) {
  std::string out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if ((c == '[' || (c == '!' && i + 1 < line.size() && line[i + 1] == '['))) {
      const std::size_t open = c == '!' ? i + 1 : i;
      const std::size_t close = line.find("](", open);
      const std::size_t end = close == std::string_view::npos ? close : line.find(')', close);
      if (close != std::string_view::npos && end != std::string_view::npos &&
          line.substr(open + 1, close - open - 1).find('[') == std::string_view::npos) {
        const std::string_view text = line.substr(open + 1, close - open - 1);
        const std::string_view target = line.substr(close + 2, end - close - 2);
        out += Inline(text);
        if (c != '!' && !target.empty() && target != text) {
          out += " (";
          out += target;
          out += ")";
        }
        i = end;
        continue;
      }
    }
    if (c == '*' || c == '`' || (c == '_' && (i + 1 < line.size() && line[i + 1] == '_'))) {
      continue;  // emphasis and code markers
    }
    if (c == '\\' && i + 1 < line.size()) {
      out.push_back(line[++i]);
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

RawText ExtractMarkdown(std::string_view utf8) {
  std::string html_like;  // the document with Markdown markup removed; HTML left in place
  bool fenced = false;
  std::size_t pos = 0;
  while (pos <= utf8.size()) {
    std::size_t end = utf8.find('\n', pos);
    if (end == std::string_view::npos) end = utf8.size();
    std::string_view line = utf8.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    const std::string_view body = TrimLeft(line);
    if (body.starts_with("```") || body.starts_with("~~~")) {
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      html_like.append(line);
      html_like.append("<br>");
      continue;
    }
    std::string_view content = body;
    while (content.starts_with("#")) content.remove_prefix(1);
    if (content.size() != body.size()) content = TrimLeft(content);
    while (content.starts_with(">")) content = TrimLeft(content.substr(1));
    // A blank line ends a paragraph; a thematic break (---, ***, ___) or a setext underline
    // carries no text.
    if (content.find_first_not_of("-*_= ") == std::string_view::npos) {
      html_like.append("</p>");
      continue;
    }
    // Bullets stay as "- " which reads naturally; ordered list numbers stay too.
    if (content.starts_with("* ") || content.starts_with("+ ")) {
      html_like.append("- ");
      content.remove_prefix(2);
    }
    html_like += Inline(content);
    html_like.append("<br>");
  }
  // Entities, inline HTML and hidden HTML are the HTML reader's job. Literal '<' that is not a
  // tag stays text there.
  return ExtractHtml(html_like);
}

}  // namespace shortlist::ingest::internal

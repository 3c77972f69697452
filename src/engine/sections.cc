#include "engine/sections.h"

namespace shortlist::engine {
namespace {

SectionKind KindFromName(std::string_view name) {
  if (name == "summary") return SectionKind::kSummary;
  if (name == "experience") return SectionKind::kExperience;
  if (name == "education") return SectionKind::kEducation;
  if (name == "skills") return SectionKind::kSkills;
  if (name == "projects") return SectionKind::kProjects;
  if (name == "certifications") return SectionKind::kCertifications;
  if (name == "personal") return SectionKind::kPersonal;
  return SectionKind::kOther;
}

// A heading's key is built in a fixed buffer: no heading in data/sections.tsv is longer, so a
// longer line is rejected without allocating (this runs on every short line of every resume).
constexpr size_t kMaxKeyLength = 64;

struct KeyBuffer {
  char bytes[kMaxKeyLength];
  size_t size = 0;
  bool Append(std::string_view s) {
    if (size + s.size() > kMaxKeyLength) return false;
    for (char c : s) bytes[size++] = c;
    return true;
  }
  std::string_view view() const { return std::string_view(bytes, size); }
};

// Lower-case letters of `s` with single spaces between words; "&" and "and" are the same and
// punctuation is dropped. "W O R K  E X P E R I E N C E" (letters spaced out) collapses too.
// False (and `out` meaningless) when `s` has a character no heading has, or the key would be
// longer than kMaxKeyLength.
bool HeadingKey(std::string_view s, KeyBuffer* out) {
  bool spaced_letters = s.size() >= 5;
  // Spaced-out letters: every other char is a space.
  for (size_t i = 0; i < s.size() && spaced_letters; ++i) {
    if (i % 2 == 1 && s[i] != ' ') spaced_letters = false;
  }
  if (spaced_letters) {
    KeyBuffer joined;
    for (size_t i = 0; i < s.size(); ++i) {
      if (i + 2 < s.size() && s[i] == ' ' && s[i + 1] == ' ') {
        if (!joined.Append(" ")) return false;
        i += 2;
        if (i < s.size() && !joined.Append(s.substr(i, 1))) return false;
        continue;
      }
      if (s[i] != ' ' && !joined.Append(s.substr(i, 1))) return false;
    }
    return HeadingKey(joined.view(), out);
  }
  out->size = 0;
  bool space = false;
  for (char c : s) {
    if (IsAsciiAlpha(c)) {
      if (space && out->size > 0 && !out->Append(" ")) return false;
      const char lower = AsciiLower(c);
      if (!out->Append(std::string_view(&lower, 1))) return false;
      space = false;
    } else if (c == '&') {
      if (out->size > 0 && !out->Append(" and")) return false;
      space = true;
    } else if (c == ' ' || c == '/' || c == '-' || c == '_') {
      space = true;
    } else if (c == '\'' || c == '.' || c == ':' || c == '*' || c == '#' || c == '|' || c == '=' ||
               c == '~' || c == '(' || c == ')') {
      // decoration; ignored
    } else {
      return false;  // digits and other characters: not a heading
    }
  }
  return true;
}

}  // namespace

SectionClassifier::SectionClassifier(std::string_view tsv) {
  for (const Line& line : SplitLines(tsv)) {
    if (line.text.empty() || line.text[0] == '#') continue;
    size_t tab = line.text.find('\t');
    if (tab == std::string_view::npos) continue;
    std::string_view heading = Trim(line.text.substr(0, tab));
    if (heading.size() > kMaxKeyLength) continue;  // could never be looked up
    headings_.emplace(std::string(heading), KindFromName(Trim(line.text.substr(tab + 1))));
  }
}

bool SectionClassifier::HeadingKind(std::string_view line, SectionKind* kind,
                                    size_t* heading_length) const {
  std::string_view t = Trim(line);
  if (t.empty() || t.size() > 60) return false;
  // "Skills: Python, SQL" -> heading "Skills" with content.
  size_t colon = t.find(':');
  std::string_view head = colon == std::string_view::npos ? t : t.substr(0, colon);
  KeyBuffer key;
  if (!HeadingKey(head, &key) || key.size == 0 || CountWords(key.view()) > 5) return false;
  auto it = headings_.find(key.view());
  if (it == headings_.end()) return false;
  // A heading-like phrase inside a sentence line ("Training new hires on ...") is not a heading:
  // require the line to be just the phrase, or phrase + ':' + content.
  *kind = it->second;
  *heading_length = static_cast<size_t>(head.data() - line.data()) + head.size() +
                    (colon == std::string_view::npos ? 0 : 1);
  return true;
}

std::vector<SectionKind> SectionClassifier::Classify(const std::vector<Line>& lines,
                                                     std::vector<bool>* is_heading) const {
  std::vector<SectionKind> kinds(lines.size(), SectionKind::kHeader);
  if (is_heading) is_heading->assign(lines.size(), false);
  SectionKind current = SectionKind::kHeader;
  for (size_t i = 0; i < lines.size(); ++i) {
    SectionKind kind;
    size_t len = 0;
    if (HeadingKind(lines[i].text, &kind, &len)) {
      current = kind;
      if (is_heading) (*is_heading)[i] = true;
    }
    kinds[i] = current;
  }
  return kinds;
}

}  // namespace shortlist::engine

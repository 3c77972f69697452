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

// Lower-case letters of `s` with single spaces between words; "&" and "and" are the same and
// punctuation is dropped. "W O R K  E X P E R I E N C E" (letters spaced out) collapses too.
std::string HeadingKey(std::string_view s) {
  std::string out;
  bool spaced_letters = s.size() >= 5;
  // Spaced-out letters: every other char is a space.
  for (size_t i = 0; i < s.size() && spaced_letters; ++i) {
    if (i % 2 == 1 && s[i] != ' ') spaced_letters = false;
  }
  if (spaced_letters) {
    std::string joined;
    for (size_t i = 0; i < s.size(); ++i) {
      if (i + 2 < s.size() && s[i] == ' ' && s[i + 1] == ' ') {
        joined.push_back(' ');
        i += 2;
        if (i < s.size()) joined.push_back(s[i]);
        continue;
      }
      if (s[i] != ' ') joined.push_back(s[i]);
    }
    return HeadingKey(joined);
  }
  bool space = false;
  for (char c : s) {
    if (IsAsciiAlpha(c)) {
      if (space && !out.empty()) out.push_back(' ');
      out.push_back(AsciiLower(c));
      space = false;
    } else if (c == '&') {
      if (!out.empty()) out += " and";
      space = true;
    } else if (c == ' ' || c == '/' || c == '-' || c == '_') {
      space = true;
    } else if (c == '\'' || c == '.' || c == ':' || c == '*' || c == '#' || c == '|' || c == '=' ||
               c == '~' || c == '(' || c == ')') {
      // decoration; ignored
    } else {
      return std::string();  // digits and other characters: not a heading
    }
  }
  return out;
}

}  // namespace

SectionClassifier::SectionClassifier(std::string_view tsv) {
  for (const Line& line : SplitLines(tsv)) {
    if (line.text.empty() || line.text[0] == '#') continue;
    size_t tab = line.text.find('\t');
    if (tab == std::string_view::npos) continue;
    headings_.emplace(std::string(Trim(line.text.substr(0, tab))),
                      KindFromName(Trim(line.text.substr(tab + 1))));
  }
}

bool SectionClassifier::HeadingKind(std::string_view line, SectionKind* kind,
                                    size_t* heading_length) const {
  std::string_view t = Trim(line);
  if (t.empty() || t.size() > 60) return false;
  // "Skills: Python, SQL" -> heading "Skills" with content.
  size_t colon = t.find(':');
  std::string_view head = colon == std::string_view::npos ? t : t.substr(0, colon);
  std::string key = HeadingKey(head);
  if (key.empty() || CountWords(key) > 5) return false;
  auto it = headings_.find(key);
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

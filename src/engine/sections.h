// Splits a resume into sections (summary, experience, education, skills, ...) by its headings:
// known heading phrases from data/sections.tsv, recognised in any case, with odd spacing
// ("E X P E R I E N C E"), trailing colons, or followed by content on the same line
// ("Skills: Python, SQL"). Lines before the first heading belong to kHeader.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/text.h"

namespace shortlist::engine {

enum class SectionKind {
  kHeader,
  kSummary,
  kExperience,
  kEducation,
  kSkills,
  kProjects,
  kCertifications,
  kPersonal,
  kOther
};

class SectionClassifier {
 public:
  // `tsv`: lines "heading<TAB>kind".
  explicit SectionClassifier(std::string_view tsv);

  // The section kind each line belongs to (same size as `lines`). A heading line itself gets
  // its section's kind; `is_heading`, when given, marks the heading lines.
  std::vector<SectionKind> Classify(const std::vector<Line>& lines,
                                    std::vector<bool>* is_heading = nullptr) const;

  // If `line` is a heading, its kind and the length of the heading prefix (for "Skills: ...").
  bool HeadingKind(std::string_view line, SectionKind* kind, size_t* heading_length) const;

 private:
  // Looked up by string_view (no key string per line).
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, SectionKind, Hash, std::equal_to<>> headings_;
};

}  // namespace shortlist::engine

#include "engine/resume_analyzer.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "engine/contact.h"
#include "engine/experience.h"
#include "engine/text.h"

namespace shortlist::engine {
namespace {

// Below this many words a resume is too short to judge.
constexpr int kTooShortWords = 60;
// Keyword stuffing is one skill pasted over and over, not a career that keeps naming its trade
// (a chef's "kitchen" and "culinary", a seller's "Sales"): on the category benchmark's 1,661
// real resumes a skill's mentions are at most 9 on one line and 8.3 % of the words, while the
// old rule (12 mentions and 35 % of all skill mentions) flagged 13 % of them. Flagged: one skill
// this many times on one line, or this many times making up this share of the words.
constexpr int kStuffingOnOneLine = 10;
constexpr int kStuffingRepeats = 12;
constexpr double kStuffingShareOfWords = 0.10;
// A block of this many lines repeated verbatim is a duplicated block.
constexpr size_t kDuplicateBlockLines = 3;

size_t LineOf(const std::vector<Line>& lines, size_t offset) {
  auto it = std::upper_bound(lines.begin(), lines.end(), offset,
                             [](size_t off, const Line& l) { return off < l.offset; });
  return it == lines.begin() ? 0 : static_cast<size_t>(it - lines.begin()) - 1;
}

std::string EvidenceLine(std::string_view line) {
  std::string_view t = TrimBullets(line);
  // Collapse layout runs of spaces; keep the first kMaxEvidence bytes of the result (a long
  // paragraph line is not read past them).
  constexpr size_t kMaxEvidence = 240;
  std::string out(std::min(t.size(), kMaxEvidence), '\0');
  size_t n = 0;
  for (size_t i = 0; i < t.size() && n < out.size(); ++i) {
    if (t[i] == ' ' && n > 0 && out[n - 1] == ' ') continue;
    out[n++] = t[i];
  }
  out.resize(n);
  return out;
}

// A list label that names a kind of item ("Operating Systems: Windows, Linux", "* Programming
// language: C, Java", "Test Management Tools: HP ALM"): offsets in its line of the label's first
// byte, of its kind noun and of its colon. It ends in one of these nouns, has at most four words
// and something after its colon; "SQL Server: 2012" or "Python: Django" name a product, not a
// kind.
struct KindLabel {
  size_t begin = 0;
  size_t kind = 0;
  size_t colon = std::string_view::npos;  // npos: the line opens with no such label
};

KindLabel FindKindLabel(std::string_view line) {
  static constexpr std::array<std::string_view, 22> kKindNouns = {
      "applications",  "database",   "databases", "dbms",        "environment", "environments",
      "framework",     "frameworks", "ide",       "ides",        "language",    "languages",
      "methodologies", "packages",   "platforms", "protocols",   "rdbms",       "system",
      "systems",       "tool",       "tools",     "technologies"};
  KindLabel none;
  size_t colon = line.substr(0, 49).find(':');  // (not a search of the whole line)
  if (colon == std::string_view::npos) return none;
  std::string_view rest = line.substr(colon + 1);
  if (std::none_of(rest.begin(), rest.end(), IsAsciiAlpha)) return none;
  std::string_view label = TrimBullets(line.substr(0, colon));
  if (label.empty() || label.find(',') != std::string_view::npos || CountWords(label) > 4) {
    return none;
  }
  size_t space = label.find_last_of(' ');
  size_t kind = space == std::string_view::npos ? 0 : space + 1;
  std::string noun = AsciiLowerCopy(label.substr(kind));
  if (std::find(kKindNouns.begin(), kKindNouns.end(), noun) == kKindNouns.end()) return none;
  size_t begin = static_cast<size_t>(label.data() - line.data());
  return KindLabel{begin, begin + kind, colon};
}

bool HasDuplicatedBlock(const std::vector<Line>& lines) {
  // Hash each run of kDuplicateBlockLines consecutive substantial lines; a repeat is a duplicate.
  std::vector<uint64_t> hashes;
  hashes.reserve(lines.size());
  for (const Line& l : lines) {
    std::string_view t = Trim(l.text);
    if (t.size() >= 20) hashes.push_back(FastHash(t));
  }
  if (hashes.size() < kDuplicateBlockLines * 2) return false;
  std::vector<uint64_t> blocks;
  for (size_t i = 0; i + kDuplicateBlockLines <= hashes.size(); ++i) {
    uint64_t h = 0;
    for (size_t k = 0; k < kDuplicateBlockLines; ++k) h = h * 1099511628211ULL ^ hashes[i + k];
    blocks.push_back(h);
  }
  std::sort(blocks.begin(), blocks.end());
  return std::adjacent_find(blocks.begin(), blocks.end()) != blocks.end();
}

// What a word of a candidate's first lines is, for telling a name from a title: 2 a job
// title's, heading's or seniority word, 1 a skill's name, 3 an ordinary word (one ESCO uses, or
// a title level "II"), 0 anything else (given names nearly always are).
int WordKind(const EngineData& data, std::string_view word) {
  SectionKind kind;
  size_t len;
  std::string lower = AsciiLowerCopy(word);
  if (data.title_words.count(lower) || data.sections.HeadingKind(word, &kind, &len) ||
      !data.SeniorityOfTitle(word).empty()) {
    return 2;
  }
  if (data.taxonomy.Find(word) != kNoSkill) return 1;
  if (lower == "i" || lower == "ii" || lower == "iii" || lower == "iv") return 3;  // "Clerk II"
  bool ordinary = true;  // every token of it ("shipper-vault") is a word ESCO uses
  ForEachToken(word, [&](std::string_view token) {
    ordinary = ordinary && data.word_stats.Knows(TokenHash(token));
  });
  return ordinary ? 3 : 0;
}

// blind_text: the text with the identity spans blanked (same length, line breaks kept); the
// lines then view it.
void MaskIdentity(const ContactScan& scan, ResumeProfile* profile, std::vector<Line>* lines) {
  profile->blind_text = profile->text;
  for (const auto& [b, e] : scan.identity_spans) {
    for (size_t i = b; i < e && i < profile->blind_text.size(); ++i) {
      if (profile->blind_text[i] != '\n') profile->blind_text[i] = ' ';
    }
  }
  const std::string& blind = profile->blind_text;
  for (Line& line : *lines) {  // same offsets, masked content
    line.text = std::string_view(blind).substr(line.offset, line.text.size());
  }
}

// Headline: the first short header line that is left after masking.
std::string FindHeadline(std::string_view text, const std::vector<Line>& lines,
                         const std::vector<SectionKind>& kinds, const std::vector<bool>& headings) {
  for (size_t i = 0; i < lines.size() && i < 12; ++i) {
    if (headings[i] || kinds[i] != SectionKind::kHeader) break;
    std::string_view t = Trim(lines[i].text);
    if (t.empty()) continue;
    if (std::none_of(t.begin(), t.end(), IsAsciiAlpha)) continue;  // a masked contact line
    // A line masked in part is a contact line as long as it was: "Pune - Email me on Indeed:
    // indeed.com/r/..." is no headline once its place is masked.
    const std::string_view whole = Trim(text.substr(lines[i].offset, lines[i].text.size()));
    if (whole.size() <= 60 && CountWords(whole) <= 8 && t.find('@') == std::string_view::npos &&
        !IsAsciiDigit(t[0])) {
      return EvidenceLine(t);
    }
    break;
  }
  return "";
}

// The skills a resume names, tallied in one pass over the matches: per skill its count, its
// best evidence line and the dates of the entries it is named in.
class SkillTally {
 public:
  SkillTally(const EngineData& data, const std::vector<Line>& lines,
             const std::vector<SectionKind>& kinds, std::vector<ExperienceSpan>* spans)
      : data_(data),
        lines_(lines),
        kinds_(kinds),
        spans_(*spans),
        slot_(data.taxonomy.size(), -1) {}

  // A mention counts for its skill and for the broader skills that skill implies ("Spanish" is
  // "Bilingual" too), with the same line and dates; only the named skill counts toward keyword
  // stuffing (a line of ten languages names Bilingual ten times over, but no one stuffed it).
  void Add(const SkillMatch& m) {
    const size_t li = LineOf(lines_, m.begin);  // once, for the skill and what it implies
    Count(m, li, m.skill, false);
    for (SkillId broader : data_.taxonomy.skill(m.skill).implies) Count(m, li, broader, true);
  }
  // The skills in order of first mention; their ids are appended to `ids` when given.
  std::vector<SkillMention> Mentions(std::vector<SkillId>* ids) const;
  int max_on_one_line() const { return max_on_one_line_; }
  int max_repeats() const;

 private:
  struct Acc {
    int count = 0;
    int evidence_rank = 9;  // lower is better: experience line < skills line < elsewhere
    size_t evidence_line = 0;
    size_t last_line = SIZE_MAX;  // the line of the latest mention, and mentions on it so far
    int on_last_line = 0;
    bool outside_education = false;
    std::vector<std::pair<MonthIndex, MonthIndex>> months;
  };
  void Count(const SkillMatch& m, size_t li, SkillId id, bool implied);

  const EngineData& data_;
  const std::vector<Line>& lines_;
  const std::vector<SectionKind>& kinds_;
  std::vector<ExperienceSpan>& spans_;
  // One Acc per distinct skill, in order of first mention; slot_[id] is its index (-1 = none
  // yet). A flat table: a resume names a few dozen of the taxonomy's skills.
  std::vector<Acc> acc_;
  std::vector<SkillId> order_;
  std::vector<int32_t> slot_;
  int max_on_one_line_ = 0;  // the most mentions of one skill on one line
  size_t span_index_ = 0;
};

void SkillTally::Count(const SkillMatch& m, size_t li, SkillId id, bool implied) {
  int32_t& at = slot_[static_cast<size_t>(id)];
  if (at < 0) {
    at = static_cast<int32_t>(acc_.size());
    acc_.emplace_back();
    order_.push_back(id);
  }
  Acc& a = acc_[static_cast<size_t>(at)];
  if (!implied) {
    ++a.count;
    a.on_last_line = li == a.last_line ? a.on_last_line + 1 : 1;
    a.last_line = li;
    max_on_one_line_ = std::max(max_on_one_line_, a.on_last_line);
  }
  a.outside_education = a.outside_education || kinds_[li] != SectionKind::kEducation;
  const int rank = kinds_[li] == SectionKind::kExperience ? 0
                   : kinds_[li] == SectionKind::kProjects ? 1
                   : kinds_[li] == SectionKind::kSkills   ? 2
                   : kinds_[li] == SectionKind::kSummary  ? 3
                                                          : 4;
  if (rank < a.evidence_rank) {
    a.evidence_rank = rank;
    a.evidence_line = li;  // the line is cleaned up once, at the end
  }
  while (span_index_ < spans_.size() && spans_[span_index_].end <= m.begin) ++span_index_;
  // Spans are ordered and disjoint; a match inside one inherits its dates.
  for (size_t k = span_index_; k < spans_.size() && spans_[k].begin <= m.begin; ++k) {
    if (m.begin >= spans_[k].end) continue;
    a.months.push_back(spans_[k].months);
    std::vector<std::string>& named = spans_[k].entry.skills;
    const std::string& name = data_.taxonomy.skill(id).name;
    if (std::find(named.begin(), named.end(), name) == named.end()) named.push_back(name);
  }
}

int SkillTally::max_repeats() const {
  int most = 0;
  for (const Acc& a : acc_) most = std::max(most, a.count);
  return most;
}

std::vector<SkillMention> SkillTally::Mentions(std::vector<SkillId>* ids) const {
  std::vector<SkillMention> mentions;
  // Skills listed together share their evidence line: each line is cleaned up once. (line index,
  // index of the first of `mentions` with that line)
  std::vector<std::pair<size_t, size_t>> evidence_of_line;
  // Sized once: a SkillMention is four strings, and regrowing moves them all.
  mentions.reserve(order_.size());
  if (ids) ids->reserve(ids->size() + order_.size());
  for (size_t k = 0; k < order_.size(); ++k) {
    const SkillId id = order_[k];
    const Acc& a = acc_[k];
    const Skill& skill = data_.taxonomy.skill(id);
    SkillMention mention;
    mention.skill = skill.name;
    mention.category = skill.category;
    auto seen = std::find_if(evidence_of_line.begin(), evidence_of_line.end(),
                             [&a](const auto& e) { return e.first == a.evidence_line; });
    mention.evidence = seen != evidence_of_line.end() ? mentions[seen->second].evidence
                                                      : EvidenceLine(lines_[a.evidence_line].text);
    mention.years = UnionYears(a.months);
    mention.only_in_education = !a.outside_education;
    if (seen == evidence_of_line.end())
      evidence_of_line.emplace_back(a.evidence_line, mentions.size());
    mentions.push_back(std::move(mention));
    if (ids) ids->push_back(id);
  }
  return mentions;
}

// too_short, keyword_stuffing, duplicated_blocks.
std::vector<std::string> Flags(std::string_view blind, const std::vector<Line>& lines,
                               const SkillTally& tally, size_t skills) {
  std::vector<std::string> flags;
  const int words = CountWords(blind);
  if (words < kTooShortWords) flags.push_back("too_short");
  const int repeats = tally.max_repeats();
  if (tally.max_on_one_line() >= kStuffingOnOneLine ||
      (repeats >= kStuffingRepeats && repeats >= kStuffingShareOfWords * words)) {
    flags.push_back("keyword_stuffing");
  } else if (skills > 60 && words < static_cast<int>(skills) * 4) {
    // A skills list far longer than the experience it describes: more than 60 distinct skills
    // with few words around them.
    flags.push_back("keyword_stuffing");
  }
  if (HasDuplicatedBlock(lines)) flags.push_back("duplicated_blocks");
  return flags;
}

}  // namespace

void FindClaimedSkills(const EngineData& data, const std::vector<Line>& lines,
                       std::string_view text, std::vector<SkillMatch>* out) {
  data.matcher.Find(text, out);
  if (lines.empty()) return;
  // A skill named inside a kind label heads the list rather than being claimed ("Operating
  // system", "Databases", the "Management" of "Test Management Tools"): the items after the colon
  // are the claims. A skill that is the whole of the label before its kind noun is a domain the
  // candidate works in and stays one ("Data Science Tools: R", "Accounting Systems: Sage"),
  // unless it is a generic one ("Management Tool: HP Quality Center").
  // Matches come in text order, so the line walks forward with them.
  size_t li = 0;
  size_t line = SIZE_MAX;  // the line FindKindLabel was last asked about, and its answer
  KindLabel label;
  auto in_label = [&](const SkillMatch& m) {
    while (li + 1 < lines.size() && lines[li + 1].offset <= m.begin) ++li;
    if (li != line) {
      line = li;
      label = FindKindLabel(lines[li].text);
    }
    if (label.colon == std::string_view::npos) return false;
    size_t at = lines[li].offset;
    if (m.end > at + label.colon) return false;
    size_t domain_end = label.kind;  // the label's words before its kind noun
    while (domain_end > label.begin && lines[li].text[domain_end - 1] == ' ') --domain_end;
    // (A generic skill names no domain: "Management Tool: HP Quality Center".)
    return !(m.begin == at + label.begin && m.end == at + domain_end) ||
           data.generic_skills.count(m.skill) > 0;
  };
  out->erase(std::remove_if(out->begin(), out->end(), in_label), out->end());
}

ResumeProfile AnalyzeResumeText(const EngineData& data, std::string_view raw, MonthIndex reference,
                                std::vector<SkillId>* skill_ids) {
  ResumeProfile profile;
  profile.text = NormalizeText(raw);
  const std::string& text = profile.text;
  std::vector<Line> lines = SplitLines(text);
  std::vector<bool> headings;
  std::vector<SectionKind> kinds = data.sections.Classify(lines, &headings);

  // Identity first, so nothing downstream can read it.
  ContactScan scan = ScanContact(text, lines, kinds, headings,
                                 [&data](std::string_view word) { return WordKind(data, word); });
  profile.contact = std::move(scan.contact);
  MaskIdentity(scan, &profile, &lines);
  const std::string& blind = profile.blind_text;
  profile.headline = FindHeadline(text, lines, kinds, headings);

  std::vector<ExperienceSpan> spans =
      ExtractExperience(blind, lines, kinds, headings, reference, &data);
  std::vector<std::pair<MonthIndex, MonthIndex>> all_months;
  all_months.reserve(spans.size());
  for (const ExperienceSpan& s : spans) all_months.push_back(s.months);
  profile.total_years_experience = UnionYears(all_months);

  profile.education = ExtractEducation(data.degrees, lines, kinds, headings);
  profile.certifications = ExtractCertifications(lines, kinds, headings);

  // Skills: one pass of the matcher over the blind text.
  std::vector<SkillMatch> matches;
  FindClaimedSkills(data, lines, blind, &matches);
  SkillTally tally(data, lines, kinds, &spans);
  for (const SkillMatch& m : matches) tally.Add(m);
  profile.skills = tally.Mentions(skill_ids);
  profile.experience.reserve(spans.size());
  for (ExperienceSpan& s : spans) profile.experience.push_back(std::move(s.entry));
  profile.flags = Flags(blind, lines, tally, profile.skills.size());
  return profile;
}

}  // namespace shortlist::engine

#include "engine/education.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "engine/dates.h"

namespace shortlist::engine {
namespace {

DegreeLevel LevelFromName(std::string_view name) {
  if (name == "high_school") return DegreeLevel::kHighSchool;
  if (name == "associate") return DegreeLevel::kAssociate;
  if (name == "bachelor") return DegreeLevel::kBachelor;
  if (name == "master") return DegreeLevel::kMaster;
  if (name == "doctorate") return DegreeLevel::kDoctorate;
  return DegreeLevel::kNone;
}

// A slash separates two degrees ("B.TECH/B.E", "BS/MS"), so it is no part of a word.
bool IsDegreeWordChar(char c) { return IsAsciiAlnum(c) || c == '.' || c == '\''; }

bool LooksLikeInstitution(std::string_view line) {
  static constexpr std::array<std::string_view, 12> kCues = {
      "university", "college",   "institute",   "school",       "academy",  "polytechnic",
      "iit",        "vidyalaya", "universidad", "conservatory", "seminary", "faculty"};
  std::string lower = AsciiLowerCopy(line);
  for (std::string_view cue : kCues) {
    size_t at = lower.find(cue);
    if (at != std::string::npos && (at == 0 || !IsAsciiAlpha(lower[at - 1]))) return true;
  }
  return false;
}

// A line with something to read: not blank, not a bare link ("https://www.indeed.com/r/...").
bool HasText(std::string_view line) {
  std::string_view t = Trim(line);
  return !t.empty() && !t.starts_with("http://") && !t.starts_with("https://") &&
         !t.starts_with("www.");
}

// What follows the last year in `part` when that still names an institution: "Surveying 2006
// Southern Illinois University" -> "Southern Illinois University".
std::string_view AfterYear(std::string_view part) {
  for (size_t i = part.size(); i >= 4; --i) {
    const size_t at = i - 4;
    bool year = IsAsciiDigit(part[at]) && IsAsciiDigit(part[at + 1]) &&
                IsAsciiDigit(part[at + 2]) && IsAsciiDigit(part[at + 3]) &&
                (at == 0 || !IsAsciiAlnum(part[at - 1])) &&
                (i == part.size() || !IsAsciiAlnum(part[i]));
    if (!year) continue;
    std::string_view rest = Trim(part.substr(i));
    return LooksLikeInstitution(rest) ? rest : part;
  }
  return part;
}

// The institution part of a mixed line: the comma/dash part that names it ("MIT, Manipal
// University" -> "Manipal University"; "Acme College - Austin, TX" -> "Acme College").
std::string_view InstitutionPart(std::string_view line) {
  std::string_view t = Trim(line);
  size_t start = 0;
  while (start <= t.size()) {
    size_t stop = t.find_first_of(",|", start);
    size_t dash = t.find(" - ", start);
    if (dash != std::string_view::npos && (stop == std::string_view::npos || dash < stop)) {
      stop = dash;
    }
    if (stop == std::string_view::npos) stop = t.size();
    std::string_view part = Trim(t.substr(start, stop - start));
    if (LooksLikeInstitution(part)) return AfterYear(part);
    start = stop + 1;
  }
  return AfterYear(t);
}

// The year of the education entry at line i: on it or on one of the next few lines with text
// ("August 2013 to June 2017" two lines below the degree is common), up to the next degree or
// heading; 0 when none.
int YearNear(const DegreeLexicon& degrees, const std::vector<Line>& lines,
             const std::vector<bool>& headings, size_t i) {
  int seen = 0;
  for (size_t j = i; j < lines.size() && seen < 4; ++j) {
    if (j != i && (headings[j] || degrees.Find(lines[j].text) != DegreeLevel::kNone)) break;
    if (Trim(lines[j].text).empty()) continue;
    ++seen;
    std::vector<int> years = FindYears(lines[j].text);
    if (!years.empty()) return *std::max_element(years.begin(), years.end());
  }
  return 0;
}

}  // namespace

DegreeLexicon::DegreeLexicon(std::string_view tsv) {
  for (const Line& line : SplitLines(tsv)) {
    if (line.text.empty() || line.text[0] == '#') continue;
    size_t tab = line.text.find('\t');
    if (tab == std::string_view::npos) continue;
    std::string name(Trim(line.text.substr(0, tab)));
    max_words_ = std::max(max_words_, static_cast<size_t>(CountWords(name)));
    std::string first = name.substr(0, name.find(' '));
    if (!first.empty()) {
      first_bigrams_[Bigram(first)] = true;
      if (first.size() == 1) {  // found again after a final "." or "'" is dropped
        first_bigrams_[Bigram(first + ".")] = true;
        first_bigrams_[Bigram(first + "'")] = true;
      }
    }
    first_words_[first] = true;
    names_.emplace(std::move(name), LevelFromName(Trim(line.text.substr(tab + 1))));
  }
}

namespace {

// "B-Tech", "M-Com": an initial joined by a hyphen is an initial with its dot ("b.tech"). The
// copy (in `dotted`, when one is needed) keeps every offset.
std::string_view DotInitials(std::string_view original, std::string* dotted) {
  std::string_view line = original;
  for (size_t i = original.find('-', 1); i != std::string_view::npos && i + 1 < original.size();
       i = original.find('-', i + 1)) {
    if (!IsAsciiAlpha(original[i - 1]) || !IsAsciiAlpha(original[i + 1]) ||
        (i >= 2 && IsAsciiAlnum(original[i - 2]))) {
      continue;
    }
    if (dotted->empty()) dotted->assign(original);
    (*dotted)[i] = '.';
    line = *dotted;
  }
  return line;
}

// The line's words as runs of degree-word characters ([begin, end) each).
std::vector<std::pair<size_t, size_t>> DegreeWords(std::string_view line) {
  std::vector<std::pair<size_t, size_t>> words;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && !IsDegreeWordChar(line[i])) ++i;
    size_t s = i;
    while (i < line.size() && IsDegreeWordChar(line[i])) ++i;
    if (i > s) words.emplace_back(s, i);
  }
  return words;
}

// Two-letter abbreviations ("BS", "MA", "BE") only count in capitals; three letters ("mba",
// "Phd", "hsc") are no English word in any case.
bool AbbreviationAsWritten(std::string_view key, std::string_view word) {
  if (key.size() > 2 || key.find('.') != std::string_view::npos) return true;
  const bool upper = std::all_of(word.begin(), word.end(), [](char c) {
    return !IsAsciiAlpha(c) || IsAsciiUpper(c) || c == 's' || c == 'c';
  });
  if (!upper || !IsAsciiUpper(word[0])) return false;
  if (key == "be" || key == "ma" || key == "ms" || key == "ba" || key == "bs") {
    return std::all_of(word.begin(), word.end(), IsAsciiUpper);
  }
  return true;
}

}  // namespace

bool DegreeLexicon::MayNameADegree(std::string_view line) const {
  // Most lines name no degree: unless a word of the line could start a degree name, stop before
  // anything is allocated.
  for (size_t i = 0; i < line.size();) {
    while (i < line.size() && !IsDegreeWordChar(line[i])) ++i;
    size_t s = i;
    while (i < line.size() && IsDegreeWordChar(line[i])) ++i;
    if (i > s && first_bigrams_[Bigram(line.substr(s, i - s))]) return true;
  }
  return false;
}

bool DegreeLexicon::StartsADegreeName(std::string_view line,
                                      const std::vector<std::pair<size_t, size_t>>& words,
                                      size_t w) const {
  // Cheap rejection: the word must start some degree name (with or without a final dot).
  if (!first_bigrams_[Bigram(line.substr(words[w].first, words[w].second - words[w].first))]) {
    return false;
  }
  std::string first = AsciiLowerCopy(line.substr(words[w].first, words[w].second - words[w].first));
  // "B. Tech": an initial runs on into the next word, as the phrase does.
  if (first.size() == 2 && first[1] == '.' && w + 1 < words.size()) {
    first +=
        AsciiLowerCopy(line.substr(words[w + 1].first, words[w + 1].second - words[w + 1].first));
  }
  if (first_words_.count(first)) return true;
  if (first.size() < 2 || (first.back() != '.' && first.back() != '\'')) return false;
  first.pop_back();
  return first_words_.count(first) > 0;
}

DegreeLevel DegreeLexicon::FindImpl(std::string_view original, bool lowest, size_t* begin,
                                    size_t* end) const {
  std::string dotted;
  const std::string_view line = DotInitials(original, &dotted);
  if (!MayNameADegree(line)) return DegreeLevel::kNone;
  // Try 1..max_words_ word phrases at each word.
  const std::vector<std::pair<size_t, size_t>> words = DegreeWords(line);
  DegreeLevel best = DegreeLevel::kNone;
  std::string phrase;
  for (size_t w = 0; w < words.size(); ++w) {
    if (!StartsADegreeName(line, words, w)) continue;
    phrase.clear();
    for (size_t k = 0; k < max_words_ && w + k < words.size(); ++k) {
      // "B. Tech", "M. Sc": an initial and its dot run on into the next word ("b.tech").
      const bool initial = phrase.size() == 2 && phrase[1] == '.';
      if (k && !initial) phrase.push_back(' ');
      std::string_view word =
          line.substr(words[w + k].first, words[w + k].second - words[w + k].first);
      // Trailing punctuation ("B.S.," handled by the split; "degree." keeps its dot).
      phrase += AsciiLowerCopy(word);
      std::string key = phrase;
      auto it = names_.find(key);
      if (it == names_.end() && key.size() > 1 && (key.back() == '.' || key.back() == '\'')) {
        key.pop_back();
        it = names_.find(key);
      }
      if (it == names_.end() || (k == 0 && !AbbreviationAsWritten(key, word))) continue;
      if (best == DegreeLevel::kNone || (lowest ? it->second < best : it->second > best)) {
        best = it->second;
        if (begin) *begin = words[w].first;
        if (end) *end = words[w + k].second;
      }
    }
  }
  return best;
}

std::string DegreeField(std::string_view line, size_t degree_end) {
  std::string_view rest = line.substr(std::min(degree_end, line.size()));
  std::string lower = AsciiLowerCopy(rest);
  size_t at = std::string::npos;
  for (std::string_view marker : {" in ", " of ", ": ", " - "}) {
    size_t p = lower.find(marker);
    if (p != std::string::npos && p < 24 && (at == std::string::npos || p < at)) {
      at = p + marker.size();
    }
  }
  if (at == std::string::npos) return {};
  std::string_view field = rest.substr(at);
  size_t stop = field.find_first_of(",;|()-\n");
  size_t wide = field.find("  ");
  if (wide != std::string_view::npos && wide < stop) stop = wide;
  if (stop != std::string_view::npos) field = field.substr(0, stop);
  // Drop a trailing " from X University" / year.
  std::string lf = AsciiLowerCopy(field);
  for (std::string_view cut :
       {" from ", " at ", " university", " college", " 19", " 20", " required", " preferred",
        " is ", " or a related", " or related", " or equivalent", " or an equivalent", " with "}) {
    size_t p = lf.find(cut);
    if (p != std::string::npos) {
      field = field.substr(0, p);
      lf = lf.substr(0, p);
    }
  }
  field = Trim(field);
  if (field.size() > 60) return {};
  return std::string(field);
}

std::vector<EducationEntry> ExtractEducation(const DegreeLexicon& degrees,
                                             const std::vector<Line>& lines,
                                             const std::vector<SectionKind>& kinds,
                                             const std::vector<bool>& headings) {
  bool has_section = std::find(kinds.begin(), kinds.end(), SectionKind::kEducation) != kinds.end();
  std::vector<EducationEntry> entries;
  std::vector<size_t> entry_line;               // the line each entry was found on
  std::vector<bool> used(lines.size(), false);  // lines taken as a degree's institution
  for (size_t i = 0; i < lines.size(); ++i) {
    if (has_section && kinds[i] != SectionKind::kEducation) continue;
    std::string_view line = lines[i].text;
    if (headings[i] && line.find(':') == std::string_view::npos) continue;
    size_t b = 0;
    size_t e = 0;
    DegreeLevel level = degrees.Find(line, &b, &e);
    if (level == DegreeLevel::kNone) continue;
    if (!has_section && line.size() > 160) continue;  // a sentence that mentions a degree
    EducationEntry entry;
    entry.level = level;
    std::string_view degree_text = Trim(line.substr(b));
    size_t cut = degree_text.find_first_of(",;|");
    size_t wide = degree_text.find("   ");
    if (wide != std::string_view::npos && (cut == std::string_view::npos || wide < cut)) cut = wide;
    if (cut != std::string_view::npos) degree_text = degree_text.substr(0, cut);
    entry.degree = std::string(Trim(degree_text));
    entry.field = DegreeField(line, e);
    // Institution: this line or the next three lines with text (blank lines and links between
    // them do not count: "Bachelor of Engineering" / link / "Sri Venkateswara College of
    // Engineering"), else one of the two before; up to the next degree or heading.
    int seen = 0;
    for (size_t j = i; j < lines.size() && seen <= 3 && entry.institution.empty(); ++j) {
      if (j != i && (headings[j] || degrees.Find(lines[j].text) != DegreeLevel::kNone)) break;
      if (!HasText(lines[j].text)) continue;
      ++seen;
      if (LooksLikeInstitution(lines[j].text)) {
        entry.institution = std::string(InstitutionPart(lines[j].text));
        used[j] = true;
      }
    }
    seen = 0;
    for (size_t j = i; j > 0 && seen < 2 && entry.institution.empty();) {
      --j;
      if (headings[j]) break;
      if (!HasText(lines[j].text)) continue;
      ++seen;
      if (!used[j] && LooksLikeInstitution(lines[j].text)) {  // not the entry above's
        entry.institution = std::string(Trim(lines[j].text));
        used[j] = true;
      }
    }
    entry.year = YearNear(degrees, lines, headings, i);
    entries.push_back(std::move(entry));
    entry_line.push_back(i);
  }
  // An institution the section names without a degree ("Saurashtra University - Morbi" /
  // "2007") is an entry too, of unknown level.
  for (size_t i = 0; has_section && i < lines.size(); ++i) {
    // (A sentence that mentions a school is no entry: at most kMaxWords words, no full stop.)
    constexpr int kMaxWords = 10;
    const std::string_view t = Trim(lines[i].text);
    if (kinds[i] != SectionKind::kEducation || headings[i] || used[i] || t.empty() ||
        t.back() == '.' || CountWords(t) > kMaxWords || !LooksLikeInstitution(t) ||
        degrees.Find(t) != DegreeLevel::kNone) {
      continue;
    }
    EducationEntry entry;
    entry.institution = std::string(InstitutionPart(lines[i].text));
    entry.year = YearNear(degrees, lines, headings, i);
    entries.push_back(std::move(entry));
    entry_line.push_back(i);
  }
  // In the resume's order.
  std::vector<size_t> order(entries.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return entry_line[a] < entry_line[b]; });
  std::vector<EducationEntry> sorted;
  sorted.reserve(entries.size());
  for (size_t k : order) sorted.push_back(std::move(entries[k]));
  return sorted;
}

namespace {

// Whether `t` holds "certif" in any case. Most lines hold no "c" at all, so the bytes are tested
// eight at a time for one (a SWAR zero-byte test on the byte XOR "c", after folding case with
// | 0x20: only 'C' and 'c' fold to 'c'); the word is compared only where one is.
bool ContainsCertif(std::string_view t) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighs = 0x8080808080808080ULL;
  auto matches_at = [t](size_t at) {
    if (at + 6 > t.size()) return false;
    char w[6];
    for (int k = 0; k < 6; ++k) w[k] = AsciiLower(t[at + k]);
    return std::string_view(w, 6) == "certif";
  };
  size_t at = 0;
  for (; at + 8 <= t.size(); at += 8) {
    uint64_t word;
    std::memcpy(&word, t.data() + at, 8);
    const uint64_t x = (word | 0x2020202020202020ULL) ^ (kOnes * 'c');
    uint64_t found = (x - kOnes) & ~x & kHighs;  // exact for the lowest match, may flag more
    for (; found != 0; found &= found - 1) {
      const size_t k = at + static_cast<size_t>(__builtin_ctzll(found)) / 8;
      if ((t[k] | 0x20) == 'c' && matches_at(k)) return true;
    }
  }
  for (; at < t.size(); ++at) {
    if ((t[at] | 0x20) == 'c' && matches_at(at)) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> ExtractCertifications(const std::vector<Line>& lines,
                                               const std::vector<SectionKind>& kinds,
                                               const std::vector<bool>& headings) {
  std::vector<std::string> certs;
  for (size_t i = 0; i < lines.size() && certs.size() < 20; ++i) {
    std::string_view t = Trim(lines[i].text);
    while (!t.empty() && (t.front() == '*' || t.front() == '-')) t = Trim(t.substr(1));
    if (t.empty() || t.size() > 120) continue;
    bool in_section = kinds[i] == SectionKind::kCertifications && !headings[i];
    // Whether the line names a certification ("certif..." anywhere); looked for only where it
    // decides, before the word count (few lines name one).
    auto named = [t] { return ContainsCertif(t); };
    if (headings[i]) {
      size_t colon = t.find(':');
      if (kinds[i] == SectionKind::kCertifications && colon != std::string_view::npos &&
          colon + 1 < t.size()) {
        certs.emplace_back(Trim(t.substr(colon + 1)));
      }
      continue;
    }
    if (in_section || (named() && CountWords(t) <= 12)) {
      if (std::find(certs.begin(), certs.end(), t) == certs.end()) certs.emplace_back(t);
    }
  }
  return certs;
}

}  // namespace shortlist::engine

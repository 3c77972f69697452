// The header lines of experience entries: which part of a line is a title, which an employer,
// and which lines are no header at all (a wrapped sentence, a duty, a grade, a place).
#include "engine/experience_headers.h"

#include <algorithm>
#include <array>
#include <string>

#include "engine/contact.h"

namespace shortlist::engine {
namespace headers {

// Words that mark an organisation rather than a job title. A cue ends a word: "corp" is not
// "corporate", "inc" not "including", "bank" not "banking" ("storekeeper", "schoolteacher").
bool LooksLikeEmployer(std::string_view s) {
  static constexpr std::array<std::string_view, 25> kCues = {
      " inc",       " llc",    " ltd",         " corp",     "corporation",
      "company",    " co.",    "technologies", "solutions", "university",
      "college",    "bank",    "group",        "limited",   "pvt",
      "services",   "systems", "hospital",     "school",    "consulting",
      "associates", "agency",  "restaurant",   "store",     "labs"};
  // A space first, so a cue at the start is one at a word's start. (Appended: GCC 12 -O2 sees a
  // false overlap in `" " + string`, -Werror=restrict.)
  std::string lower(1, ' ');
  lower += AsciiLowerCopy(s);
  for (std::string_view cue : kCues) {
    for (size_t at = lower.find(cue); at != std::string::npos; at = lower.find(cue, at + 1)) {
      const size_t end = at + cue.size();
      if (end >= lower.size() || !IsAsciiAlpha(lower[end]) || lower[end] == 's') return true;
    }
  }
  return false;
}

// Strips bullets, separators and location tails ("Company Name - City , State").
std::string_view CleanPart(std::string_view s) {
  s = Trim(s);
  while (!s.empty() && std::string_view("*-|,:;()").find(s.front()) != std::string_view::npos) {
    s.remove_prefix(1);
    s = Trim(s);
  }
  while (!s.empty() && std::string_view("*-|,:;(").find(s.back()) != std::string_view::npos) {
    s.remove_suffix(1);
    s = Trim(s);
  }
  return s;
}

// Whether `s` has two letters (ASCII, or bytes of a UTF-8 sequence): a name has.
bool HasTwoLetters(std::string_view s) {
  int letters = 0;
  for (char c : s) {
    if (IsAsciiAlpha(c) || static_cast<unsigned char>(c) >= 0x80) {
      if (++letters == 2) return true;
    }
  }
  return false;
}

// Splits on " at ", " | ", " - ", ", " and runs of 3+ spaces (layout columns).
std::vector<std::string_view> SplitParts(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  size_t i = 0;
  while (i < s.size()) {
    size_t sep = 0;
    // Every separator of more than one byte starts with a space: the comparisons (memcmp calls)
    // are made only there.
    const bool space = s[i] == ' ';
    if (space && (s.compare(i, 4, " at ") == 0 || s.compare(i, 3, " | ") == 0 ||
                  s.compare(i, 3, " - ") == 0)) {
      sep = s.compare(i, 4, " at ") == 0 ? 4 : 3;
    } else if (s[i] == ',' || s[i] == '|') {
      sep = 1;
    } else if (space && s.compare(i, 3, "   ") == 0) {
      sep = 3;
      while (i + sep < s.size() && s[i + sep] == ' ') ++sep;
    }
    if (sep) {
      std::string_view part = CleanPart(s.substr(start, i - start));
      if (!part.empty()) parts.push_back(part);
      i += sep;
      start = i;
    } else {
      ++i;
    }
  }
  std::string_view part = CleanPart(s.substr(start));
  if (!part.empty()) parts.push_back(part);
  return parts;
}

bool IsGradeWord(std::string_view w) {
  static constexpr std::array<std::string_view, 14> kWords = {
      "average", "grade", "grades", "gpa",      "cgpa",      "percentage",  "percent",
      "marks",   "score", "scored", "division", "aggregate", "distinction", "honours"};
  for (std::string_view k : kWords) {
    if (w == k) return true;
  }
  return false;
}

// Whether `part` names a job ("Senior Consultant", "Teachers"): one of its words is a title noun
// (data/title_words.tsv). Without data, anything may be a title.
bool NamesAJob(std::string_view part, const EngineData* data) {
  if (data == nullptr) return true;
  bool job = false;
  ForEachToken(part, [&](std::string_view token) {
    job = job || data->title_words.count(std::string(token)) > 0;
  });
  return job;
}

// Words that begin or end a sentence, not a name or a title: "Worked as ... for Infosys Limited
// from", "Responsible for hiring", "Bangalore since", "Revenue from".
constexpr std::array<std::string_view, 7> kSentenceStarts = {
    "worked", "working", "was", "were", "responsible", "job", "while"};
constexpr std::array<std::string_view, 9> kSentenceEnds = {"from", "since", "to",   "as", "for",
                                                           "in",   "at",    "with", "and"};

// The first and the last run of ASCII letters of `s`, lower-cased; returns how many runs it has.
int FirstAndLastWord(std::string_view s, std::string* first, std::string* last) {
  int words = 0;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !IsAsciiAlpha(s[i])) ++i;
    if (i == s.size()) break;
    last->clear();
    while (i < s.size() && IsAsciiAlpha(s[i])) *last += AsciiLower(s[i++]);
    if (++words == 1) *first = *last;
  }
  return words;
}

template <size_t N>
bool OneOf(const std::string& word, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// A duty or a sentence written where a title would be, naming no job: three or more words led
// by a verb ("Planned and executed all structural field operations", "Installed and configured
// Windows Server", "Recording all cheques and maintaining the general ledger"), or a sentence's
// first or last word ("Responsible for hiring and firing of employees", "Revenue from"). Words in
// -ed that qualify a title ("Certified Home Healthcare Aide", "Registered Client Service
// Associate") are no verbs here, and "Working Chef" names a job.
bool LooksLikeADuty(std::string_view title, const EngineData* data) {
  static constexpr std::array<std::string_view, 11> kQualifiers = {
      "certified",  "licensed", "registered", "qualified", "united",    "integrated",
      "classified", "advanced", "accredited", "chartered", "authorized"};
  std::string first;
  std::string last;
  const int words = FirstAndLastWord(title, &first, &last);
  // (-ing too: "Configuring and supporting Microsoft Windows Server"; "Marketing Manager" names
  // a job.)
  const bool verb_first =
      words >= 3 && first.size() >= 4 &&
      ((first.ends_with("ed") && !OneOf(first, kQualifiers)) ||
       (first.ends_with("ing") && words >= 4));  // ("Shipping and Receiving" is a job's name)
  // A summary's phrases: "Experience in installing and maintaining Windows Server", "Actively
  // looking for opportunity in .NET Development".
  static constexpr std::array<std::string_view, 7> kSentenceOpenings = {
      "experience in ", "experience of ", "expertise in ",    "knowledge of ",
      "knowledge in ",  "looking for ",   "actively looking "};
  const std::string lower = AsciiLowerCopy(title.substr(0, 24));
  const bool opening = std::any_of(kSentenceOpenings.begin(), kSentenceOpenings.end(),
                                   [&](std::string_view o) { return lower.starts_with(o); });
  const bool sentence =
      OneOf(first, kSentenceStarts) || OneOf(last, kSentenceEnds) || (opening && words >= 3);
  return (verb_first || sentence) && data != nullptr && !NamesAJob(title, data);
}

// A title's level after its noun: "III" of "Accountant III", "GS11", "2".
bool IsTitleLevel(std::string_view word) {
  return !word.empty() && (word.find_first_not_of("IVX") == std::string_view::npos ||
                           std::any_of(word.begin(), word.end(), IsAsciiDigit));
}

// `s` without the level that may end a title: "Relationship Banker II" -> "Relationship Banker".
std::string_view WithoutLevel(std::string_view s) {
  s = Trim(s);
  for (size_t space = s.find_last_of(' ');
       space != std::string_view::npos && IsTitleLevel(s.substr(space + 1));
       space = s.find_last_of(' ')) {
    s = Trim(s.substr(0, space));
  }
  return s;
}

// A header part that runs a title into its employer, as exports that set them side by side come
// out of PDFs ("Financial Accountant Company Name - City , State", "Project Manager Bank of
// America - Charlotte , NC"): the cut after the last title noun (data/title_words.tsv), and the
// level after it, whose rest starts with a capital and looks like an organisation, naming no job
// itself. False when there is none: a title alone ("Director of Client Solutions") or an
// employer alone is not cut.
bool SplitTitleFromEmployer(std::string_view part, const EngineData* data, std::string_view* title,
                            std::string_view* employer) {
  if (data == nullptr) return false;
  size_t cut = std::string_view::npos;  // where the rest starts
  size_t i = 0;
  while (i < part.size()) {
    while (i < part.size() && part[i] == ' ') ++i;
    const size_t begin = i;
    while (i < part.size() && part[i] != ' ') ++i;
    if (i == begin || i == part.size()) break;  // the last word cannot end the title
    // The word's last letters: "Manager/Programmer", "Accountant /Auditor", "Analyst,"; a word
    // that joins on ("Cook/ Garde Manger") does not end the title.
    if (part[i - 1] == '/' || part[i - 1] == '&') continue;
    size_t noun_end = i;
    while (noun_end > begin && !IsAsciiAlpha(part[noun_end - 1])) --noun_end;
    size_t noun = noun_end;
    while (noun > begin && IsAsciiAlpha(part[noun - 1])) --noun;
    if (noun == noun_end ||
        data->title_words.count(AsciiLowerCopy(part.substr(noun, noun_end - noun))) == 0) {
      continue;
    }
    // A level after the noun is the title's ("Accountant III", "IT Specialist GS11").
    size_t rest = i;
    for (;;) {
      while (rest < part.size() && part[rest] == ' ') ++rest;
      const size_t end = part.find(' ', rest);
      if (end == std::string_view::npos || !IsTitleLevel(part.substr(rest, end - rest))) break;
      rest = end;
    }
    std::string_view tail = part.substr(rest);
    if (!tail.empty() && IsAsciiUpper(tail.front()) && LooksLikeEmployer(tail) &&
        !NamesAJob(tail, data)) {
      cut = rest;
    }
  }
  if (cut == std::string_view::npos) return false;
  *title = Trim(part.substr(0, cut));
  *employer = part.substr(cut);
  return true;
}

// A header line that places what it names, as an employer's line does: "Cisco -  Samba, Jammu
// and Kashmir -", "NIIT -" (Indeed exports end an employer's line with a dash, after its place
// when there is one), "Acme - Austin, TX".
bool PlacedByTheLine(std::string_view line) {
  line = Trim(line);
  if (line.ends_with(" -")) return true;
  const size_t dash = line.find(" - ");
  if (dash == std::string_view::npos) return false;
  // The place is its city and the first word of its region; a title may follow ("Company Name -
  // City , State Account Executive").
  std::string_view place = Trim(line.substr(dash + 3));
  const size_t comma = place.find(',');
  if (comma != std::string_view::npos) {
    size_t end = comma + 1;
    while (end < place.size() && place[end] == ' ') ++end;
    while (end < place.size() && place[end] != ' ') ++end;
    place = place.substr(0, end);
  }
  return LooksLikeLocation(place);
}

// The first part after the first that names a job in a title's few words ("Acme Corp, Austin TX,
// Payroll Clerk" -> 2), preferring one that does not also look like an organisation ("Acme Bank,
// Bank Teller" still gives 1), or 0: when a header line leads with the employer, that part is
// the title.
size_t JobPart(const std::vector<std::string_view>& parts, const EngineData* data) {
  // Longer than a title: a sentence that mentions a job ("As a front desk associate my duties
  // were ...").
  constexpr int kMaxTitleWords = 12;
  size_t any = 0;
  for (size_t k = 1; k < parts.size(); ++k) {
    if (CountWords(parts[k]) > kMaxTitleWords || !NamesAJob(parts[k], data)) continue;
    if (!LooksLikeEmployer(parts[k])) return k;
    if (any == 0) any = k;
  }
  return any;
}

// A date range broken over three short lines ("December 2016" / "to" / "Current"), as narrow date
// columns come out of PDFs; those lines hold nothing else.
bool DateRangeOverThreeLines(const std::vector<Line>& lines, size_t i, DateRange* range) {
  if (i + 2 >= lines.size()) return false;
  // Asked of every undated line of the section: the middle line is tested first, before anything
  // is allocated.
  std::string_view link = Trim(lines[i + 1].text);
  if (link.size() > 5) return false;
  char lower[5];
  for (size_t k = 0; k < link.size(); ++k) lower[k] = AsciiLower(link[k]);
  std::string_view l(lower, link.size());
  if (l != "to" && l != "-" && l != "until" && l != "till") return false;
  std::string joined;
  for (size_t k = i; k <= i + 2; ++k) {
    std::string_view t = Trim(lines[k].text);
    if (t.empty() || t.size() > 20) return false;
    joined += t;
    joined += ' ';
  }
  return FindDateRange(joined, range);
}

bool UsableHeaderLine(std::string_view t) {
  return !t.empty() && t.size() <= 80 && CountWords(t) <= 10 && t.back() != '.';
}

// Whether line j is the last line of a wrapped sentence ("for the auditors to review
// reconciliations" under a long line ending "... made it more efficient"): it starts in lower
// case, and with a function word or under a long line that ends without punctuation. Such a line
// ends the previous entry's text: it is no header ("meat cutter" under "... dishes." is one), and
// dates in it do not start an entry.
bool ContinuesASentence(const std::vector<Line>& lines, size_t j) {
  std::string_view t = Trim(lines[j].text);
  if (t.empty() || t[0] < 'a' || t[0] > 'z') return false;
  size_t end = 0;
  while (end < t.size() && IsAsciiAlpha(t[end])) ++end;
  if (IsStopword(AsciiLowerCopy(t.substr(0, end)))) return true;
  for (size_t k = j; k > 0;) {
    std::string_view above = Trim(lines[--k].text);
    if (above.empty()) continue;
    // (A line above that is itself a dated header, in a resume typed in lower case, is not a
    // sentence this one continues.)
    DateRange dates;
    return above.size() >= 50 &&
           std::string_view(".!?:;").find(above.back()) == std::string_view::npos &&
           !FindDateRange(above, &dates);
  }
  return false;
}

// A title candidate that is neither a grade ("B+ Average", checked as an employer name is) nor a
// duty or a sentence naming no job.
bool PlausibleTitle(std::string_view title, const EngineData* data) {
  return PlausibleEmployer(CleanPart(title), nullptr) && !LooksLikeADuty(title, data);
}

// The entry of an experience section that has no dates at all (Indeed exports leave the dates
// out when the candidate gave none: "WORK EXPERIENCE" / "Software developer" / "Microsoft -
// Patna, Bihar"): its first two header lines when one names a job and the other an employer.
// Returns the first line's index, or SIZE_MAX when the section does not open so.
size_t UndatedEntryHeader(const std::vector<Line>& lines, const std::vector<SectionKind>& kinds,
                          const std::vector<bool>& headings, const EngineData* data,
                          std::string_view* title, std::string_view* employer) {
  size_t first = 0;
  while (first < lines.size() && (kinds[first] != SectionKind::kExperience || headings[first] ||
                                  Trim(lines[first].text).empty())) {
    ++first;
  }
  std::string_view header[2];
  size_t found = 0;
  for (size_t j = first; j < lines.size() && found < 2 && j <= first + 3; ++j) {
    if (headings[j] || kinds[j] != SectionKind::kExperience) break;
    std::string_view t = Trim(lines[j].text);
    if (t.empty()) continue;
    DateRange dates;
    if (!UsableHeaderLine(t) || IsBulletMark(t.front()) || ContinuesASentence(lines, j) ||
        FindDateRange(t, &dates)) {
      return SIZE_MAX;
    }
    std::vector<std::string_view> parts = SplitParts(t);
    header[found++] = parts.empty() ? t : parts[0];
  }
  if (found < 2) return SIZE_MAX;
  auto is_job = [&](std::string_view s) {
    return NamesAJob(s, data) && !LooksLikeEmployer(s) && PlausibleTitle(s, data);
  };
  auto is_employer = [&](std::string_view s) {
    return PlausibleEmployer(CleanPart(s), data) && (!NamesAJob(s, data) || LooksLikeEmployer(s));
  };
  if (is_job(header[0]) && is_employer(header[1])) {
    *title = header[0];
    *employer = header[1];
  } else if (is_employer(header[0]) && is_job(header[1])) {
    *employer = header[0];
    *title = header[1];
  } else {
    return SIZE_MAX;
  }
  return first;
}

}  // namespace headers

using headers::CleanPart;

bool PlausibleEmployer(std::string_view name, const EngineData* data) {
  using headers::FirstAndLastWord;
  using headers::HasTwoLetters;
  using headers::IsGradeWord;
  using headers::kSentenceEnds;
  using headers::kSentenceStarts;
  using headers::OneOf;
  using headers::WithoutLevel;
  name = Trim(name);
  // Punctuation or a date, what is left of a line of dates (".", "2014)"), names nothing.
  if (!HasTwoLetters(name)) return false;
  // Grades and scores: "B+ Average", "A Completed", "CGPA 8.1", "First Class", "78%".
  if (name.find('%') != std::string_view::npos) return false;
  // A letter grade first: "B+", "A-", "B+ Average", "A Completed".
  if (name[0] >= 'A' && name[0] <= 'F') {
    size_t k = 1;
    if (k < name.size() && (name[k] == '+' || name[k] == '-')) ++k;
    if (k == name.size() || name[k] == ' ') return false;
  }
  char buf[24];
  size_t i = 0;
  int words = 0;
  int grade_words = 0;
  while (i < name.size()) {
    while (i < name.size() && !IsAsciiAlpha(name[i])) ++i;
    size_t start = i;
    size_t len = 0;
    while (i < name.size() && IsAsciiAlpha(name[i])) {
      if (len < sizeof(buf)) buf[len++] = AsciiLower(name[i]);
      ++i;
    }
    if (i == start) break;
    ++words;
    grade_words += IsGradeWord(std::string_view(buf, len));
  }
  if (grade_words > 0 && words <= 4) return false;
  if (data != nullptr) {
    // A sentence cut where a company would be ("Worked as Senior Systems Engineer for Infosys
    // Limited from", "Bangalore since"), or a job title there ("Senior software engineer", "HR
    // Coordinator"): a title noun last and no mark of an organisation.
    std::string first;
    std::string last;
    FirstAndLastWord(name, &first, &last);
    if (OneOf(first, kSentenceStarts) || OneOf(last, kSentenceEnds)) return false;
    // (Before a level: "Relationship Banker II". A word of an organisation before the noun
    // makes no organisation: "Bank Teller", "Store Manager", "Corporate Accountant".)
    std::string noun;
    FirstAndLastWord(WithoutLevel(name), &first, &noun);
    if (words <= 6 && data->title_words.count(noun) > 0) return false;
  }
  // A project's details ("Team Size 15", "Location: Pune", "Responsibilities"): a label, not a
  // company; no company name has a colon.
  if (name.find(':') != std::string_view::npos) return false;
  static constexpr std::array<std::string_view, 9> kDetailLabels = {
      "team size",   "location",         "role",
      "duration",    "environment",      "client",
      "description", "responsibilities", "key result areas"};
  const std::string lower = AsciiLowerCopy(name);
  for (std::string_view label : kDetailLabels) {
    if (!std::string_view(lower).starts_with(label)) continue;
    std::string_view rest = Trim(std::string_view(lower).substr(label.size()));
    if (rest.empty() || IsAsciiDigit(rest[0]) || rest == "description") return false;
  }
  if (data) {
    // Two or more skills and nothing else, the first a language ("SQL Oracle"): a technology
    // list. One skill alone is often a company ("Oracle", "Microsoft", "Cisco").
    std::vector<SkillMatch> matches;
    data->matcher.Find(name, &matches);
    if (matches.size() >= 2 && data->taxonomy.skill(matches[0].skill).category == "language") {
      std::vector<bool> covered(name.size(), false);
      for (const SkillMatch& m : matches) {
        for (size_t k = m.begin; k < m.end; ++k) covered[k] = true;
      }
      bool all = true;
      for (size_t k = 0; k < name.size() && all; ++k) {
        if (IsAsciiAlnum(name[k]) && !covered[k]) all = false;
      }
      if (all) return false;
    }
  }
  return true;
}

}  // namespace shortlist::engine

#include "engine/job_analyzer.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "engine/text.h"

namespace shortlist::engine {
namespace {

enum class Mode { kNeutral, kRequired, kPreferred };

// Section headings of job descriptions.
bool JobHeading(std::string_view line, Mode* mode) {
  std::string t = AsciiLowerCopy(Trim(line));
  while (!t.empty() && (t.back() == ':' || t.back() == ' ')) t.pop_back();
  if (t.empty() || t.size() > 50) return false;
  static constexpr std::array<std::string_view, 14> kPreferred = {"preferred qualifications",
                                                                  "preferred",
                                                                  "nice to have",
                                                                  "nice-to-have",
                                                                  "bonus",
                                                                  "bonus points",
                                                                  "pluses",
                                                                  "desired qualifications",
                                                                  "desired skills",
                                                                  "preferred skills",
                                                                  "good to have",
                                                                  "additional qualifications",
                                                                  "extra credit",
                                                                  "it's a plus if you have"};
  static constexpr std::array<std::string_view, 16> kRequired = {"requirements",
                                                                 "minimum qualifications",
                                                                 "qualifications",
                                                                 "required qualifications",
                                                                 "required skills",
                                                                 "must have",
                                                                 "must-have",
                                                                 "what you need",
                                                                 "what we're looking for",
                                                                 "what you'll need",
                                                                 "you have",
                                                                 "skills",
                                                                 "required",
                                                                 "basic qualifications",
                                                                 "who you are",
                                                                 "requirements and qualifications"};
  static constexpr std::array<std::string_view, 10> kNeutral = {
      "responsibilities", "what you'll do", "about the role",       "about us", "the role",
      "job description",  "duties",         "key responsibilities", "overview", "benefits"};
  for (std::string_view h : kPreferred) {
    if (t == h) return *mode = Mode::kPreferred, true;
  }
  for (std::string_view h : kRequired) {
    if (t == h) return *mode = Mode::kRequired, true;
  }
  for (std::string_view h : kNeutral) {
    if (t == h) return *mode = Mode::kNeutral, true;
  }
  return false;
}

bool ContainsWord(std::string_view lower, std::string_view word) {
  size_t at = 0;
  while ((at = lower.find(word, at)) != std::string_view::npos) {
    size_t end = at + word.size();
    bool left = at == 0 || !IsAsciiAlpha(lower[at - 1]);
    bool right = end >= lower.size() || !IsAsciiAlpha(lower[end]);
    if (left && right) return true;
    at = end;
  }
  return false;
}

bool HasPreferredCue(std::string_view lower) {
  static constexpr std::array<std::string_view, 14> kCues = {
      "nice to have", "nice-to-have", "bonus",   "a plus",     "is a plus",
      "preferred",    "desirable",    "ideally", "advantage",  "advantageous",
      "optional",     "good to have", "pluses",  "familiarity"};
  for (std::string_view c : kCues) {
    if (ContainsWord(lower, c)) return true;
  }
  return false;
}

// ContainsWord for a requirement cue, but not in the adverbs "as required", "when necessary",
// "where required", "if necessary": "work with other teams as required" asks for nothing.
bool ContainsCue(std::string_view lower, std::string_view cue) {
  static constexpr std::array<std::string_view, 4> kAdverbial = {"as ", "when ", "where ", "if "};
  size_t at = 0;
  while ((at = lower.find(cue, at)) != std::string_view::npos) {
    size_t end = at + cue.size();
    bool left = at == 0 || !IsAsciiAlpha(lower[at - 1]);
    bool right = end >= lower.size() || !IsAsciiAlpha(lower[end]);
    std::string_view before = lower.substr(0, at);
    bool adverbial = false;
    for (std::string_view a : kAdverbial) {
      adverbial = adverbial ||
                  (before.ends_with(a) && (before.size() == a.size() ||
                                           !IsAsciiAlpha(before[before.size() - a.size() - 1])));
    }
    if (left && right && !adverbial) return true;
    at = end;
  }
  return false;
}

bool HasRequiredCue(std::string_view lower) {
  static constexpr std::array<std::string_view, 10> kCues = {
      "must",      "required", "requires", "requirement", "mandatory",
      "essential", "need to",  "minimum",  "at least",    "necessary"};
  for (std::string_view c : kCues) {
    if (ContainsCue(lower, c)) return true;
  }
  return false;
}

bool HasHardCue(std::string_view lower) {
  return ContainsCue(lower, "must") || ContainsCue(lower, "mandatory") ||
         ContainsCue(lower, "required");
}

int NumberWord(std::string_view w) {
  static constexpr std::array<std::string_view, 11> kWords = {
      "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
  for (size_t i = 0; i < kWords.size(); ++i) {
    if (w == kWords[i]) return static_cast<int>(i);
  }
  return -1;
}

// Splits a line into sentences at ". ", "; " and bullets.
std::vector<std::string_view> Sentences(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    bool stop =
        (line[i] == ';') || (line[i] == '.' && i + 1 < line.size() && line[i + 1] == ' ' && i > 0 &&
                             IsAsciiAlpha(line[i - 1]) && !(i >= 2 && line[i - 2] == '.'));
    if (stop) {
      out.push_back(line.substr(start, i + 1 - start));
      start = i + 1;
    }
  }
  if (start < line.size()) out.push_back(line.substr(start));
  return out;
}

// Words that may sit between a degree and its field, or between fields: "Bachelor's or Master's
// degree in Computer Science, Statistics or a related field".
bool IsDegreeConnector(std::string_view w) {
  static constexpr std::array<std::string_view, 36> kWords = {
      "in",      "of",       "a",        "an",        "the",        "or",
      "and",     "related",  "field",    "fields",    "discipline", "disciplines",
      "such",    "as",       "e",        "g",         "eg",         "like",
      "degree",  "degrees",  "bachelor", "bachelors", "bachelor's", "master",
      "masters", "master's", "bs",       "ba",        "ms",         "msc",
      "bsc",     "phd",      "s",        "similar",   "equivalent", "technical"};
  for (std::string_view k : kWords) {
    if (w == k) return true;
  }
  return false;
}

// Whether the text between a degree and a field, or between two fields, continues the list of
// fields: connector words, and whole list items that name no skill ("in Anthropology, Human
// Factors, Psychology, HCI/" before "Computer Science"). The item that runs into the next field
// holds connectors only, and no item speaks of experience or skills ("Bachelor's degree in CS,
// experience with Python": Python is asked for, not studied).
bool ContinuesFieldList(std::string_view gap) {
  static constexpr std::array<std::string_view, 14> kNotAField = {
      "experience", "experienced", "with",        "knowledge",  "skills",      "skill",   "years",
      "year",       "using",       "proficiency", "proficient", "familiarity", "ability", "plus"};
  int item_words = 0;
  size_t i = 0;
  while (i < gap.size()) {
    if (gap[i] == ',' || gap[i] == '/' || gap[i] == '(' || gap[i] == ')') {
      item_words = 0;  // a separator ends the item
      ++i;
      continue;
    }
    if (!IsAsciiAlpha(gap[i]) && gap[i] != '\'') {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < gap.size() && (IsAsciiAlpha(gap[i]) || gap[i] == '\'')) ++i;
    std::string_view w = gap.substr(start, i - start);
    if (IsDegreeConnector(w)) continue;
    if (std::find(kNotAField.begin(), kNotAField.end(), w) != kNotAField.end()) return false;
    if (++item_words > 3) return false;
  }
  return item_words == 0;
}

// Marks the skill matches that name the field of the degree ending at `degree_end` ("Bachelor's
// degree in Computer Science"): the matches after it that continue its list of fields. Those are
// an education requirement, not skills.
std::vector<bool> DegreeFieldMatches(std::string_view lower, size_t degree_end,
                                     const std::vector<SkillMatch>& matches) {
  std::vector<bool> field(matches.size(), false);
  size_t cursor = degree_end;
  for (size_t k = 0; k < matches.size(); ++k) {
    if (matches[k].begin < cursor) continue;
    if (!ContinuesFieldList(lower.substr(cursor, matches[k].begin - cursor))) break;
    field[k] = true;
    cursor = matches[k].end;
  }
  return field;
}

// "with Legal, Finance, Sales and Product teams", "the Google Cloud team": capitalised names
// before "team(s)", "function(s)" or "organization(s)" are the company's departments, not
// skills asked of the candidate. Drops the matches inside such a run of names.
void DropDepartmentNames(std::string_view sentence, std::vector<SkillMatch>* matches) {
  static constexpr std::array<std::string_view, 12> kUnits = {
      "team",   "teams",        "department",    "departments", "function", "functions",
      "groups", "organization", "organizations", "org",         "orgs",     "counterparts"};
  std::vector<std::pair<size_t, size_t>> runs;  // [begin, end) of each run of names
  size_t i = 0;
  while (i < sentence.size()) {
    if (!IsAsciiAlpha(sentence[i])) {
      ++i;
      continue;
    }
    const size_t word_begin = i;
    while (i < sentence.size() && IsAsciiAlpha(sentence[i])) ++i;
    const std::string_view word = sentence.substr(word_begin, i - word_begin);
    if (std::find(kUnits.begin(), kUnits.end(), word) == kUnits.end()) continue;
    // Walk back over capitalised words and list separators.
    size_t begin = word_begin;
    size_t j = word_begin;
    int names = 0;
    while (j > 0) {
      size_t end = j;
      while (end > 0 && (sentence[end - 1] == ' ' || sentence[end - 1] == ',' ||
                         sentence[end - 1] == '&' || sentence[end - 1] == '/')) {
        --end;
      }
      size_t start = end;
      while (start > 0 && (IsAsciiAlpha(sentence[start - 1]) || sentence[start - 1] == '-')) {
        --start;
      }
      if (start == end) break;
      const std::string_view w = sentence.substr(start, end - start);
      if (w == "and" || w == "or") {
        j = start;
        continue;
      }
      if (!IsAsciiUpper(w[0])) break;
      ++names;
      begin = start;
      j = start;
    }
    if (names > 0) runs.emplace_back(begin, word_begin);
  }
  if (runs.empty()) return;
  std::erase_if(*matches, [&](const SkillMatch& m) {
    for (const auto& [b, e] : runs) {
      if (m.begin >= b && m.end <= e) return true;
    }
    return false;
  });
}

// Words that introduce examples: "languages such as Java, Python", "(e.g., SQL, MySQL)".
constexpr std::array<std::string_view, 7> kExampleCues = {"such as",   "e.g.",        "e.g", "eg",
                                                          "including", "for example", "like"};

// "languages such as Java, Python, Go, or similar", "(e.g., SQL, MySQL, MapReduce, Hadoop)",
// "consulting, compensation, sales operations or similar roles": a list of skills that a cue
// marks as examples is met by any one of them, so the whole run becomes one alternative group
// (merging groups already inside it). A list without such a cue ("Python, SQL and Spark") is
// left alone: each of its skills is asked for.
void GroupExampleLists(std::string_view lower, const std::vector<SkillMatch>& matches,
                       std::vector<int>* alt, int* next_group) {
  // Whether only a list separator stands between matches k and k + 1 (", ", " or ", nothing as
  // in "sales operations", or an item that names no skill: ", mapreduce,").
  auto list_separator = [&](size_t k) {
    std::string_view b = Trim(lower.substr(matches[k].end, matches[k + 1].begin - matches[k].end));
    if (b.empty() || b == "," || b == "or" || b == ", or" || b == "/") return true;
    // ... or the rest of an item that is one: "strategy consulting, compensation".
    return b.back() == ',' && b.find_first_of(".;:") == b.npos &&
           CountWords(b) <= (b.front() == ',' ? 3 : 2);
  };
  auto strip = [](std::string_view t, std::string_view chars) {
    while (!t.empty() && chars.find(t.back()) != std::string_view::npos) t.remove_suffix(1);
    while (!t.empty() && chars.find(t.front()) != std::string_view::npos) t.remove_prefix(1);
    return t;
  };
  static constexpr std::array<std::string_view, 6> kAfter = {
      "or similar", "or other", "or equivalent", "or related", "or comparable", "etc"};
  for (size_t s = 0; s < matches.size();) {
    size_t e = s;
    while (e + 1 < matches.size() && list_separator(e)) ++e;
    if (e > s) {
      std::string_view before = strip(lower.substr(0, matches[s].begin), " ,(:");
      std::string_view after = strip(lower.substr(matches[e].end), " ,");
      bool cue = false;
      for (std::string_view c : kExampleCues) {  // a whole word: not the "eg" of "leg"
        cue = cue || (before.ends_with(c) && (before.size() == c.size() ||
                                              !IsAsciiAlpha(before[before.size() - c.size() - 1])));
      }
      for (std::string_view c : kAfter) cue = cue || after.starts_with(c);
      if (cue) {
        const int g = (*next_group)++;
        for (size_t j = s; j <= e; ++j) {
          const int old = (*alt)[j];
          if (old != 0) std::replace(alt->begin(), alt->end(), old, g);
          (*alt)[j] = g;
        }
      }
    }
    s = e + 1;
  }
}

// "2+ years of sales experience (B2B, retail or inside sales)", "CRM (Salesforce)": skills in
// parentheses right after a skill name kinds or examples of it, so any one of them meets what
// the line asks. They join that skill's alternative group (and its one knockout), instead of
// each becoming a requirement of its own -- a salesman of 8 years failed "2+ years of Retail".
// Without such a skill, a parenthesis of examples is one group too: "one or more cloud
// platforms (AWS, Azure, GCP)", "(e.g., object-oriented JavaScript, HTML, CSS)".
void GroupParentheticals(std::string_view lower, const std::vector<SkillMatch>& matches,
                         std::vector<int>* alt, int* next_group) {
  for (size_t open = lower.find('('); open != std::string_view::npos;
       open = lower.find('(', open + 1)) {
    size_t close = std::min(lower.find(')', open), lower.size());
    size_t head = matches.size();  // the last skill named before the parenthesis
    size_t inside_first = matches.size();
    size_t inside_last = 0;
    for (size_t k = 0; k < matches.size(); ++k) {
      if (matches[k].end <= open) head = k;
      if (matches[k].begin > open && matches[k].end <= close) {
        inside_first = std::min(inside_first, k);
        inside_last = k;
      }
    }
    if (inside_first == matches.size()) continue;
    // The head skill stands at the parenthesis, but for a word such as "experience" or "tools".
    if (head != matches.size()) {
      std::string_view between = Trim(lower.substr(matches[head].end, open - matches[head].end));
      if (CountWords(between) > 1 || between.find_first_of(",.;:()") != std::string_view::npos) {
        head = matches.size();
      }
    }
    if (head == matches.size()) {
      if (inside_last == inside_first) continue;  // one skill: no alternatives
      std::string_view inner = Trim(lower.substr(open + 1, close - open - 1));
      bool examples = false;
      for (std::string_view c : kExampleCues) {
        examples = examples || (inner.starts_with(c) &&
                                (inner.size() == c.size() || !IsAsciiAlpha(inner[c.size()])));
      }
      std::string_view before = lower.substr(0, open);
      examples = examples || before.find("one or more") != std::string_view::npos ||
                 before.find("at least one") != std::string_view::npos;
      if (!examples) continue;
    }
    const int g = head == matches.size() ? (*next_group)++
                  : (*alt)[head] != 0    ? (*alt)[head]
                                         : (*next_group)++;
    if (head != matches.size()) (*alt)[head] = g;
    for (size_t k = inside_first; k <= inside_last; ++k) {
      const int old = (*alt)[k];
      if (old != 0 && old != g) std::replace(alt->begin(), alt->end(), old, g);
      (*alt)[k] = g;
    }
  }
}

std::string DegreeName(DegreeLevel level) {
  switch (level) {
    case DegreeLevel::kHighSchool:
      return "High school diploma";
    case DegreeLevel::kAssociate:
      return "Associate degree";
    case DegreeLevel::kBachelor:
      return "Bachelor's degree";
    case DegreeLevel::kMaster:
      return "Master's degree";
    case DegreeLevel::kDoctorate:
      return "Doctorate";
    case DegreeLevel::kNone:
      break;
  }
  return "Degree";
}

std::string FormatYears(double y) {
  int whole = static_cast<int>(y);
  if (whole == y) return std::to_string(whole);
  std::string s = std::to_string(y);
  return s.substr(0, s.find('.') + 2);
}

}  // namespace

double ParseMinYears(std::string_view lower, size_t* years_begin) {
  size_t at = 0;
  while ((at = lower.find("year", at)) != std::string_view::npos) {
    // Walk back over "+", spaces, "-N" ranges and "(s)" to the number before "year(s)".
    size_t j = at;
    while (j > 0 && (lower[j - 1] == ' ' || lower[j - 1] == '+' || lower[j - 1] == ')' ||
                     lower[j - 1] == '(')) {
      --j;
    }
    size_t end = j;
    while (j > 0 && (IsAsciiDigit(lower[j - 1]) || lower[j - 1] == '.')) --j;
    double value = -1;
    if (j < end) {
      // "3-5 years": take the lower bound.
      size_t k = j;
      if (k >= 2 && (lower[k - 1] == '-' || lower[k - 1] == '/') && IsAsciiDigit(lower[k - 2])) {
        size_t s = k - 1;
        while (s > 0 && IsAsciiDigit(lower[s - 1])) --s;
        j = s;
        end = k - 1;
      }
      value = std::atof(std::string(lower.substr(j, end - j)).c_str());
    } else {
      size_t s = end;
      while (s > 0 && IsAsciiAlpha(lower[s - 1])) --s;
      int n = NumberWord(lower.substr(s, end - s));
      if (n >= 0) {
        value = n;
        j = s;
      }
    }
    if (value > 0 && value <= 30) {
      if (years_begin) *years_begin = j;
      return value;
    }
    at += 4;
  }
  return 0;
}

JobRequirements AnalyzeJobText(const EngineData& data, std::string_view title,
                               std::string_view description) {
  JobRequirements job;
  job.text = NormalizeText(description);
  std::vector<Line> lines = SplitLines(job.text);
  job.title = std::string(Trim(NormalizeText(title)));
  if (job.title.empty()) {
    for (const Line& l : lines) {
      std::string_view t = Trim(l.text);
      if (t.empty()) continue;
      if (t.size() <= 60 && CountWords(t) <= 8) job.title = std::string(t);
      break;
    }
  }
  // First pass: does the description have qualification sections at all? If it does, skills
  // outside them (responsibilities, company blurb) are only preferred.
  bool has_qualification_sections = false;
  for (const Line& l : lines) {
    Mode m;
    if (JobHeading(l.text, &m) && m != Mode::kNeutral) has_qualification_sections = true;
  }

  struct Found {
    Importance importance = Importance::kPreferred;
    double min_years = 0;
    std::string evidence;
    bool hard = false;
    size_t order = 0;
    int group = 0;
  };
  int next_group = 1;
  std::unordered_map<SkillId, Found> found;
  std::string lower_text = AsciiLowerCopy(job.text);
  std::vector<SkillMatch> matches;
  DegreeLevel preferred_degree = DegreeLevel::kNone;
  bool degree_hard = false;
  Mode mode = Mode::kNeutral;
  size_t order = 0;
  for (const Line& l : lines) {
    Mode heading_mode;
    if (JobHeading(l.text, &heading_mode)) {
      mode = heading_mode;
      continue;
    }
    for (std::string_view sentence : Sentences(l.text)) {
      size_t offset = static_cast<size_t>(sentence.data() - job.text.data());
      std::string_view lower(lower_text.data() + offset, sentence.size());
      bool preferred_cue = HasPreferredCue(lower);
      // Beside qualification sections, the other text describes the job: its "required" is the
      // work's ("the infrastructure required to implement a solution", "produce required design
      // specifications"), not the candidate's; only "must" and "mandatory" ask anything there.
      const bool describes_the_job = mode == Mode::kNeutral && has_qualification_sections;
      const bool mandatory_cue = ContainsCue(lower, "must") || ContainsCue(lower, "mandatory");
      bool required_cue = describes_the_job ? mandatory_cue : HasRequiredCue(lower);
      bool hard = (describes_the_job ? mandatory_cue : HasHardCue(lower)) && !preferred_cue;
      Importance importance;
      if (preferred_cue) {
        importance = Importance::kPreferred;
      } else if (required_cue || mode == Mode::kRequired) {
        importance = Importance::kRequired;
      } else if (mode == Mode::kPreferred) {
        importance = Importance::kPreferred;
      } else {
        importance = has_qualification_sections ? Importance::kPreferred : Importance::kRequired;
      }
      size_t years_at = 0;
      double years = ParseMinYears(lower, &years_at);
      matches.clear();
      data.matcher.Find(sentence, &matches);
      DropDepartmentNames(sentence, &matches);
      // Degrees: the lowest level the sentence accepts. Skills naming the degree's field
      // ("Bachelor's degree in Computer Science") are part of the education requirement.
      bool mentions_degree = ContainsWord(lower, "degree") || ContainsWord(lower, "bachelor") ||
                             ContainsWord(lower, "master") || ContainsWord(lower, "phd") ||
                             ContainsWord(lower, "bs") || ContainsWord(lower, "ba") ||
                             ContainsWord(lower, "ms") || ContainsWord(lower, "diploma");
      DegreeLevel degree_level = DegreeLevel::kNone;
      size_t degree_begin = 0;
      size_t degree_end = 0;
      if (mentions_degree) {
        degree_level = data.degrees.FindLowest(sentence, &degree_begin, &degree_end);
      }
      if (degree_level != DegreeLevel::kNone) {
        // The field follows the last degree named ("Bachelor's or Master's degree in X").
        size_t last_degree_end = degree_end;
        for (size_t b = 0, e = 0;
             data.degrees.Find(sentence.substr(last_degree_end), &b, &e) != DegreeLevel::kNone;) {
          if (e == 0) break;
          last_degree_end += e;
        }
        std::vector<bool> field = DegreeFieldMatches(lower, last_degree_end, matches);
        std::vector<SkillMatch> kept;
        for (size_t k = 0; k < matches.size(); ++k) {
          if (!field[k]) kept.push_back(matches[k]);
        }
        matches.swap(kept);
      }
      int skills_after_years = 0;
      for (const SkillMatch& m : matches) {
        if (m.begin > years_at) ++skills_after_years;
      }
      // "Python or Go", "AWS, GCP or Azure", "MySQL/PostgreSQL": consecutive skills joined by
      // "or" (or a slash) are alternatives; a comma run ending in "or" joins the whole run.
      std::vector<int> alt(matches.size(), 0);
      for (size_t k = 0; k + 1 < matches.size(); ++k) {
        std::string_view between =
            Trim(lower.substr(matches[k].end, matches[k + 1].begin - matches[k].end));
        // ... or a list item ending where the alternative begins: "... in an HR-related field,
        // and/or recruiting experience".
        const bool ends_or = between.size() <= 40 && between.find_first_of(".;") == between.npos &&
                             (between.ends_with(" or") || between.ends_with("and/or"));
        bool joins = between == "or" || between == "/" || between == ", or" || between == "or a" ||
                     between == "or an" || ends_or;
        if (!joins) continue;
        int g = alt[k] ? alt[k] : next_group++;
        alt[k] = alt[k + 1] = g;
        // Extend backwards over a comma list: "AWS, GCP or Azure".
        for (size_t b = k; b > 0; --b) {
          std::string_view sep =
              Trim(lower.substr(matches[b - 1].end, matches[b].begin - matches[b - 1].end));
          if (sep != "," || alt[b - 1]) break;
          alt[b - 1] = g;
        }
      }
      GroupExampleLists(lower, matches, &alt, &next_group);
      GroupParentheticals(lower, matches, &alt, &next_group);
      for (size_t k = 0; k < matches.size(); ++k) {
        const SkillMatch& m = matches[k];
        auto [it, inserted] = found.try_emplace(m.skill);
        Found& f = it->second;
        if (inserted) {
          f.importance = importance;
          f.evidence = std::string(Trim(sentence));
          f.order = order++;
          f.group = alt[k];
        } else if (importance == Importance::kRequired && f.importance != importance) {
          // Asked for at last: the requirement's sentence decides its evidence and alternatives.
          f.importance = importance;
          f.evidence = std::string(Trim(sentence));
          f.group = alt[k];
        }
        // "5+ years of Python and Django": years bind to the skills named after the number, if
        // the sentence names only a few.
        if (years > 0 && m.begin > years_at && skills_after_years <= 3 &&
            importance == Importance::kRequired) {
          f.min_years = std::max(f.min_years, years);
        }
        if (hard && importance == Importance::kRequired) f.hard = true;
      }
      // Years asked for one skill are years of experience asked too.
      if (years > 0 && importance == Importance::kRequired) {
        job.min_years_experience = std::max(job.min_years_experience, years);
      }
      if (degree_level != DegreeLevel::kNone) {
        const DegreeLevel level = degree_level;
        const size_t e = degree_end;
        if (importance == Importance::kRequired) {
          if (job.min_degree == DegreeLevel::kNone || level < job.min_degree) {
            job.min_degree = level;
            job.degree_field = DegreeField(sentence, e);
            bool equivalent = lower.find("equivalent") != std::string_view::npos ||
                              lower.find("or related experience") != std::string_view::npos;
            job.degree_required = !equivalent;
            degree_hard = hard && !equivalent;
          }
        } else if (preferred_degree == DegreeLevel::kNone || level < preferred_degree) {
          preferred_degree = level;
        }
      }
    }
  }
  std::vector<std::pair<SkillId, Found>> ordered(found.begin(), found.end());
  std::sort(ordered.begin(), ordered.end(),
            [](const auto& a, const auto& b) { return a.second.order < b.second.order; });
  // Names of each alternative group, for one knockout per group ("5+ years of Python or Go").
  std::unordered_map<int, std::string> group_names;
  for (const auto& [id, f] : ordered) {
    if (f.group <= 0) continue;
    std::string& names = group_names[f.group];
    names += (names.empty() ? "" : " or ") + data.taxonomy.skill(id).name;
  }
  std::unordered_map<int, bool> group_knocked;
  for (const auto& [id, f] : ordered) {
    SkillRequirement req;
    req.skill = data.taxonomy.skill(id).name;
    req.importance = f.importance;
    req.min_years = f.min_years;
    req.evidence = f.evidence;
    req.alternative_group = f.group;
    job.skills.push_back(req);
    if (f.importance != Importance::kRequired) continue;
    // Personal qualities ("must be self-motivated", "3 years of teamwork") are asked for and
    // scored, but knock no one out: a resume that does not call itself self-motivated says
    // nothing against it.
    if (data.taxonomy.skill(id).category == "soft") continue;
    if (f.group > 0 && group_knocked[f.group]) continue;  // one knockout per group
    if (f.group > 0) group_knocked[f.group] = true;
    const std::string& label = f.group > 0 ? group_names[f.group] : req.skill;
    if (f.min_years > 0) {
      Knockout k;
      k.description = FormatYears(f.min_years) + "+ years of " + label;
      k.severity = f.hard ? GapSeverity::kCritical : GapSeverity::kModerate;
      k.kind = Knockout::Kind::kYears;
      k.skill = req.skill;
      k.min_years = f.min_years;
      job.knockouts.push_back(k);
    } else if (f.hard || data.taxonomy.skill(id).category == "certification") {
      Knockout k;
      k.description = label + " required";
      k.severity = f.hard ? GapSeverity::kCritical : GapSeverity::kModerate;
      k.kind = Knockout::Kind::kSkill;
      k.skill = req.skill;
      job.knockouts.push_back(k);
    }
  }
  if (job.min_degree != DegreeLevel::kNone) {
    Knockout k;
    k.description = DegreeName(job.min_degree) +
                    (job.degree_required ? " required" : " or equivalent experience");
    k.severity = degree_hard           ? GapSeverity::kCritical
                 : job.degree_required ? GapSeverity::kModerate
                                       : GapSeverity::kMinor;
    k.kind = Knockout::Kind::kDegree;
    k.min_degree = job.min_degree;
    job.knockouts.push_back(k);
  }
  if (job.min_years_experience > 0) {
    Knockout k;
    k.description = FormatYears(job.min_years_experience) + "+ years of experience";
    k.severity = GapSeverity::kModerate;
    k.kind = Knockout::Kind::kYears;
    k.min_years = job.min_years_experience;
    job.knockouts.push_back(k);
  }
  // Seniority: the title's words, else what the years imply.
  job.seniority = data.SeniorityOfTitle(job.title);
  if (job.seniority.empty() || job.seniority == "mid") {
    double y = job.min_years_experience;
    if (job.seniority.empty()) {
      job.seniority = y >= 8 ? "lead" : y >= 5 ? "senior" : y >= 2 ? "mid" : "";
    }
  }
  return job;
}

}  // namespace shortlist::engine

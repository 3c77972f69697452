#include "engine/job_analyzer.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "engine/job_alternatives.h"
#include "engine/job_cues.h"
#include "engine/text.h"

namespace shortlist::engine {
namespace {

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
  static constexpr std::array<std::string_view, 37> kWords = {
      "in",        "of",         "a",      "an",         "the",         "or",      "and",
      "related",   "field",      "fields", "discipline", "disciplines", "such",    "as",
      "e",         "g",          "eg",     "like",       "degree",      "degrees", "bachelor",
      "bachelors", "bachelor's", "master", "masters",    "master's",    "bs",      "ba",
      "ms",        "msc",        "bsc",    "phd",        "s",           "similar", "equivalent",
      "technical", "other"};
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
    if (w == "or" || w == "and") item_words = 0;  // "Quantitative Finance or other analytics"
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
// before "team(s)", "function(s)" or "organization(s)", or in parentheses after them, are the
// company's departments, not skills asked of the candidate. Drops the matches inside such runs.
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
    // ... or in parentheses after it: "business organizations (Finance, Supply Chain, HR)".
    size_t open = i;
    while (open < sentence.size() && sentence[open] == ' ') ++open;
    if (open < sentence.size() && sentence[open] == '(') {
      const size_t close = std::min(sentence.find(')', open), sentence.size());
      bool all_names = true;
      for (size_t k = open + 1; k < close && all_names; ++k) {
        const bool starts_word = IsAsciiAlpha(sentence[k]) && !IsAsciiAlpha(sentence[k - 1]);
        if (!starts_word || IsAsciiUpper(sentence[k])) continue;
        const std::string_view rest = sentence.substr(k, close - k);
        all_names = rest.starts_with("and ") || rest.starts_with("or ") || rest.starts_with("etc");
      }
      if (all_names) runs.emplace_back(open + 1, close);
    }
  }
  if (runs.empty()) return;
  std::erase_if(*matches, [&](const SkillMatch& m) {
    for (const auto& [b, e] : runs) {
      if (m.begin >= b && m.end <= e) return true;
    }
    return false;
  });
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
    JobSection m;
    if (JobHeading(l.text, &m) && m != JobSection::kNeutral) has_qualification_sections = true;
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
  JobSection mode = JobSection::kNeutral;  // the section the line stands in
  size_t order = 0;
  for (const Line& l : lines) {
    JobSection heading_mode;
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
      // A minimum of years with a cue is asked for wherever it stands ("5+ years of Python
      // required" under a heading not known as a requirements one).
      const bool describes_the_job = mode == JobSection::kNeutral && has_qualification_sections;
      const bool mandatory_cue = ContainsCue(lower, "must") || ContainsCue(lower, "mandatory");
      size_t years_at = 0;
      const double years = ParseMinYears(lower, &years_at);
      bool required_cue = describes_the_job ? mandatory_cue || (years > 0 && HasRequiredCue(lower))
                                            : HasRequiredCue(lower);
      bool hard = (mandatory_cue || (!describes_the_job && ContainsCue(lower, "required"))) &&
                  !preferred_cue;
      Importance importance;
      if (preferred_cue) {
        importance = Importance::kPreferred;
      } else if (required_cue || mode == JobSection::kRequired) {
        importance = Importance::kRequired;
      } else if (mode == JobSection::kPreferred) {
        importance = Importance::kPreferred;
      } else {
        importance = has_qualification_sections ? Importance::kPreferred : Importance::kRequired;
      }
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
      const std::vector<int> alt = AlternativeGroups(lower, matches, &next_group);
      // What the years are asked of: the skills named after the number, up to a clause of its
      // own ("3+ years of call center operations, including team leadership"; "..., and
      // experience with manufacturing") -- each mention, but a group of alternatives once ("3
      // years with statistical packages (e.g. R, SAS, Stata, MATLAB)").
      size_t years_end = lower.size();
      for (std::string_view clause : {" including ", ", and experience", "; "}) {
        const size_t at = lower.find(clause, years_at);
        if (at != std::string_view::npos) years_end = std::min(years_end, at);
      }
      size_t skills_after_years = 0;
      std::vector<int> groups_after_years;
      for (size_t k = 0; k < matches.size(); ++k) {
        if (matches[k].begin <= years_at || matches[k].begin >= years_end) continue;
        if (alt[k] > 0) {
          if (std::find(groups_after_years.begin(), groups_after_years.end(), alt[k]) !=
              groups_after_years.end()) {
            continue;
          }
          groups_after_years.push_back(alt[k]);
        }
        ++skills_after_years;
      }
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
        if (years > 0 && m.begin > years_at && m.begin < years_end && skills_after_years <= 3 &&
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

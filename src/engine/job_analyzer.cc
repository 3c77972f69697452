#include "engine/job_analyzer.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "engine/job_alternatives.h"
#include "engine/job_context.h"
#include "engine/job_cues.h"
#include "engine/job_degree.h"
#include "engine/job_sections.h"
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

// What one sentence asks of the candidate, from the part it stands in and its cues.
struct Ask {
  bool asks = false;  // false: it describes the work or the employer, and yields no requirement
  Importance importance = Importance::kPreferred;
  bool hard = false;  // "must", "mandatory", "required": a critical knockout
  // It asks in so many words (a requirements list, "you have", "certified"), not only by
  // standing in a posting that has no such lists.
  bool in_so_many_words = false;
  double years = 0;  // the minimum years it names, 0 if none
  size_t years_at = 0;
};

// In a list of requirements every sentence asks, a hedge ("a plus", "ideally", "familiarity
// with") making it a preference; in a list of preferences only "must" or "mandatory" requires.
// Beside such lists, the role and its duties describe the work: a sentence there asks only when
// it speaks to the candidate ("you have", "experience with", "3 years of"), and what it asks is
// a preference unless it says "must" or names years as a requirement. A posting without such
// lists says what it needs in its duties ("You will use QuickBooks daily"): each sentence asks,
// and only a hedge makes it a preference.
Ask ReadAsk(std::string_view lower, PostingPart part, bool has_qualification_parts) {
  Ask ask;
  const bool hedged = HasPreferredCue(lower);
  const bool mandatory = ContainsCue(lower, "must") || ContainsCue(lower, "mandatory");
  const bool required_cue = ContainsCue(lower, "required");
  ask.years = ParseMinYears(lower, &ask.years_at);
  if (part == PostingPart::kRequired) {
    ask.asks = true;
    ask.importance = hedged ? Importance::kPreferred : Importance::kRequired;
    ask.hard = (mandatory || required_cue) && !hedged;
  } else if (part == PostingPart::kPreferred) {
    ask.asks = true;
    ask.importance = mandatory && !hedged ? Importance::kRequired : Importance::kPreferred;
    ask.hard = ask.importance == Importance::kRequired;
  } else if (has_qualification_parts) {
    ask.asks = AsksOfCandidate(lower) || ask.years > 0;
    const bool required = mandatory || (ask.years > 0 && HasRequiredCue(lower));
    ask.importance = required && !hedged ? Importance::kRequired : Importance::kPreferred;
    ask.hard = mandatory && !hedged;
  } else {
    ask.asks = true;
    ask.importance = hedged ? Importance::kPreferred : Importance::kRequired;
    ask.hard = (mandatory || required_cue) && !hedged;
  }
  ask.in_so_many_words = part == PostingPart::kRequired || part == PostingPart::kPreferred ||
                         AsksOfCandidate(lower) || ask.years > 0;
  return ask;
}

// A skill as the posting asks for it, gathered over its sentences.
struct Found {
  Importance importance = Importance::kPreferred;
  double min_years = 0;
  std::string evidence;
  bool hard = false;
  bool in_so_many_words = false;  // some sentence asks for it in so many words
  size_t order = 0;
  int group = 0;
};

// Reads a posting sentence by sentence into the skills, years and degree it asks for.
class PostingReader {
 public:
  // `text` is the normalised posting the lines to read point into.
  PostingReader(const EngineData& data, std::string_view text, JobRequirements* job)
      : data_(data), job_(*job), text_(text), lower_text_(AsciiLowerCopy(text)) {}

  void ReadLine(const PostingLine& line, bool has_qualification_parts);
  // A posting that asks nothing of the candidate in so many words ("Tasks: ..., Tools: ...")
  // is screened for what its work uses: the skills of its role and duties, required.
  void ReadWorkOf(const std::vector<PostingLine>& lines);
  // The skills asked for, in the order they were first named.
  std::vector<SkillRequirement> Skills() const;
  // Sets the requirements, knockouts and seniority.
  void Finish();

 private:
  std::vector<std::pair<SkillId, Found>> Ordered() const;
  void ReadSentence(std::string_view sentence, const Ask& ask);
  void TakeDegree(std::string_view lower, const DegreeAsked& degree, const Ask& ask);
  void AddKnockouts(const std::vector<std::pair<SkillId, Found>>& ordered);

  const EngineData& data_;
  JobRequirements& job_;
  std::string_view text_;
  std::string lower_text_;
  std::unordered_map<SkillId, Found> found_;
  std::vector<SkillMatch> matches_;
  int next_group_ = 1;
  size_t order_ = 0;
  bool degree_hard_ = false;
};

void PostingReader::ReadLine(const PostingLine& line, bool has_qualification_parts) {
  if (!CanAskOfCandidate(line.part)) return;
  for (std::string_view sentence : Sentences(line.text)) {
    const size_t offset = static_cast<size_t>(sentence.data() - text_.data());
    const std::string_view lower(lower_text_.data() + offset, sentence.size());
    const Ask ask = ReadAsk(lower, line.part, has_qualification_parts);
    if (ask.asks) ReadSentence(sentence, ask);
  }
}

void PostingReader::ReadWorkOf(const std::vector<PostingLine>& lines) {
  Ask ask;
  ask.asks = true;
  ask.importance = Importance::kRequired;
  for (const PostingLine& line : lines) {
    if (!CanAskOfCandidate(line.part)) continue;
    for (std::string_view sentence : Sentences(line.text)) ReadSentence(sentence, ask);
  }
}

void PostingReader::ReadSentence(std::string_view sentence, const Ask& ask) {
  const size_t offset = static_cast<size_t>(sentence.data() - text_.data());
  const std::string_view lower(lower_text_.data() + offset, sentence.size());
  matches_.clear();
  data_.matcher.Find(sentence, &matches_);
  DropContextSkills(data_, sentence, lower, &matches_);
  const DegreeAsked degree = ReadDegree(data_, sentence, lower, &matches_);
  const std::vector<int> alt = AlternativeGroups(lower, matches_, &next_group_);
  // What the years are asked of: the skills named after the number, up to a clause of its own
  // ("3+ years of call center operations, including team leadership"; "..., and experience
  // with manufacturing") -- each mention, but a group of alternatives once ("3 years with
  // statistical packages (e.g. R, SAS, Stata, MATLAB)").
  size_t years_end = lower.size();
  for (std::string_view clause : {" including ", ", and experience", "; "}) {
    const size_t at = lower.find(clause, ask.years_at);
    if (at != std::string_view::npos) years_end = std::min(years_end, at);
  }
  auto after_years = [&](const SkillMatch& m) {
    return ask.years > 0 && m.begin > ask.years_at && m.begin < years_end;
  };
  size_t skills_after_years = 0;
  std::vector<int> groups_after_years;
  for (size_t k = 0; k < matches_.size(); ++k) {
    if (!after_years(matches_[k])) continue;
    if (alt[k] > 0) {
      if (std::find(groups_after_years.begin(), groups_after_years.end(), alt[k]) !=
          groups_after_years.end()) {
        continue;
      }
      groups_after_years.push_back(alt[k]);
    }
    ++skills_after_years;
  }
  const bool required = ask.importance == Importance::kRequired;
  for (size_t k = 0; k < matches_.size(); ++k) {
    const SkillMatch& m = matches_[k];
    auto [it, inserted] = found_.try_emplace(m.skill);
    Found& f = it->second;
    if (inserted || (required && f.importance != Importance::kRequired)) {
      // First named, or asked for at last: this sentence decides its evidence and alternatives.
      f.importance = ask.importance;
      f.evidence = std::string(Trim(sentence));
      f.group = alt[k];
      if (inserted) f.order = order_++;
    }
    // "5+ years of Python and Django": years bind to the skills named after the number, if the
    // sentence names only a few.
    if (after_years(m) && skills_after_years <= 3 && required) {
      f.min_years = std::max(f.min_years, ask.years);
    }
    if (ask.hard && required) f.hard = true;
    if (ask.in_so_many_words) f.in_so_many_words = true;
  }
  // Years asked for one skill are years of experience asked too.
  if (ask.years > 0 && required) {
    job_.min_years_experience = std::max(job_.min_years_experience, ask.years);
  }
  if (degree.level != DegreeLevel::kNone) TakeDegree(lower, degree, ask);
}

void PostingReader::TakeDegree(std::string_view lower, const DegreeAsked& degree, const Ask& ask) {
  if (ask.importance != Importance::kRequired) return;
  if (job_.min_degree != DegreeLevel::kNone && degree.level >= job_.min_degree) return;
  const size_t offset = static_cast<size_t>(lower.data() - lower_text_.data());
  job_.min_degree = degree.level;
  job_.degree_field = DegreeField(text_.substr(offset, lower.size()), degree.end);
  const bool equivalent = lower.find("equivalent") != std::string_view::npos ||
                          lower.find("or related experience") != std::string_view::npos;
  job_.degree_required = !equivalent;
  degree_hard_ = ask.hard && !equivalent;
}

std::vector<std::pair<SkillId, Found>> PostingReader::Ordered() const {
  std::vector<std::pair<SkillId, Found>> ordered(found_.begin(), found_.end());
  std::sort(ordered.begin(), ordered.end(),
            [](const auto& a, const auto& b) { return a.second.order < b.second.order; });
  return ordered;
}

std::vector<SkillRequirement> PostingReader::Skills() const {
  std::vector<SkillRequirement> skills;
  for (const auto& [id, f] : Ordered()) {
    SkillRequirement req;
    req.skill = data_.taxonomy.skill(id).name;
    req.importance = f.importance;
    req.min_years = f.min_years;
    req.evidence = f.evidence;
    req.alternative_group = f.group;
    skills.push_back(req);
  }
  return skills;
}

void PostingReader::Finish() {
  job_.skills = Skills();
  AddKnockouts(Ordered());
  // Seniority: the title's words, else what the years imply.
  job_.seniority = data_.SeniorityOfTitle(job_.title);
  if (job_.seniority.empty()) {
    const double y = job_.min_years_experience;
    job_.seniority = y >= 8 ? "lead" : y >= 5 ? "senior" : y >= 2 ? "mid" : "";
  }
}

void PostingReader::AddKnockouts(const std::vector<std::pair<SkillId, Found>>& ordered) {
  // Names of each alternative group, for one knockout per group ("5+ years of Python or Go").
  std::unordered_map<int, std::string> group_names;
  for (const auto& [id, f] : ordered) {
    if (f.group <= 0) continue;
    std::string& names = group_names[f.group];
    names += (names.empty() ? "" : " or ") + data_.taxonomy.skill(id).name;
  }
  std::unordered_map<int, bool> group_knocked;
  for (const auto& [id, f] : ordered) {
    if (f.importance != Importance::kRequired) continue;
    const Skill& skill = data_.taxonomy.skill(id);
    // Personal qualities ("must be self-motivated", "3 years of teamwork") are asked for and
    // scored, but knock no one out: a resume that does not call itself self-motivated says
    // nothing against it.
    if (skill.category == "soft") continue;
    if (f.group > 0 && group_knocked[f.group]) continue;  // one knockout per group
    if (f.group > 0) group_knocked[f.group] = true;
    const std::string& label = f.group > 0 ? group_names[f.group] : skill.name;
    Knockout k;
    k.skill = skill.name;
    k.severity = f.hard ? GapSeverity::kCritical : GapSeverity::kModerate;
    if (f.min_years > 0) {
      k.description = FormatYears(f.min_years) + "+ years of " + label;
      k.kind = Knockout::Kind::kYears;
      k.min_years = f.min_years;
    } else if (f.hard || (skill.category == "certification" && f.in_so_many_words)) {
      // A certificate knocks out when a sentence asks for it, not when a duty names its
      // practice ("provide first aid" in a list of tasks).
      k.description = label + " required";
      k.kind = Knockout::Kind::kSkill;
    } else {
      continue;
    }
    job_.knockouts.push_back(k);
  }
  if (job_.min_degree != DegreeLevel::kNone) {
    Knockout k;
    k.description = DegreeName(job_.min_degree) +
                    (job_.degree_required ? " required" : " or equivalent experience");
    k.severity = degree_hard_           ? GapSeverity::kCritical
                 : job_.degree_required ? GapSeverity::kModerate
                                        : GapSeverity::kMinor;
    k.kind = Knockout::Kind::kDegree;
    k.min_degree = job_.min_degree;
    job_.knockouts.push_back(k);
  }
  if (job_.min_years_experience > 0) {
    Knockout k;
    k.description = FormatYears(job_.min_years_experience) + "+ years of experience";
    k.severity = GapSeverity::kModerate;
    k.kind = Knockout::Kind::kYears;
    k.min_years = job_.min_years_experience;
    job_.knockouts.push_back(k);
  }
}

// The title given, else the posting's first line when it can be one: a name, not a sentence
// (no full stop), even a long one ("Sales Representatives, Wholesale and Manufacturing, Except
// Technical and Scientific Products").
std::string TitleOf(std::string_view title, const std::vector<Line>& lines) {
  std::string t(Trim(NormalizeText(title)));
  if (!t.empty()) return t;
  for (const Line& l : lines) {
    std::string_view line = Trim(l.text);
    if (line.empty()) continue;
    if (line.size() <= 100 && CountWords(line) <= 14 && line.back() != '.') {
      return std::string(line);
    }
    break;
  }
  return "";
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
  job.title = TitleOf(title, SplitLines(job.text));
  // (The title line is read like any other: beside qualification lists it asks nothing; in a
  // posting without them, "Looking for a Python developer" does.)
  const std::vector<PostingLine> lines = SegmentPosting(job.text);
  const bool has_qualification_parts =
      std::any_of(lines.begin(), lines.end(), [](const PostingLine& l) {
        return l.part == PostingPart::kRequired || l.part == PostingPart::kPreferred;
      });
  PostingReader reader(data, job.text, &job);
  for (const PostingLine& line : lines) reader.ReadLine(line, has_qualification_parts);
  reader.Finish();
  if (job.skills.empty()) {
    // Nothing asked in so many words ("Tasks: ..., Tools and equipment: ..."): a recruiter
    // screens for what the work uses, the skills its role and duties name.
    JobRequirements work;
    PostingReader uses(data, job.text, &work);
    uses.ReadWorkOf(lines);
    job.skills = uses.Skills();
  }
  return job;
}

}  // namespace shortlist::engine

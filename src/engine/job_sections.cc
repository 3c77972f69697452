#include "engine/job_sections.h"

#include <array>
#include <string>

#include "engine/job_cues.h"
#include "engine/text.h"

namespace shortlist::engine {
namespace {

// Heading wordings by the part they open, in the order they are tried: "Nice to have skills"
// is a preference before it is a list of skills, "What you'll need" a requirement before it is
// what you'll do, "About the role" the role before it is about anyone.
constexpr std::array<std::string_view, 9> kLegalHeadings = {
    "equal opportunit*", "equal employment", "eeo",          "diversity", "disclaimer*", "legal",
    "accommodation*",    "non discrim*",     "eeo statement"};
constexpr std::array<std::string_view, 6> kApplyHeadings = {
    "apply", "how to apply", "application*", "next steps", "interested", "to be considered"};
constexpr std::array<std::string_view, 16> kBenefitHeadings = {
    "benefit*",      "perk*",        "we offer",        "what we offer", "offer",   "why join*",
    "why work",      "compensation", "salary",          "pay",           "reward*", "what's in it",
    "in it for you", "what you get", "what you'll get", "in return"};
constexpr std::array<std::string_view, 21> kPreferredHeadings = {
    "ideal world",  "prefer*",        "nice to have*", "nice-to-have*", "bonus*",
    "plus",         "pluses",         "desir*",        "good to have",  "ideally",
    "extra credit", "sets you apart", "even better",   "additional*",   "optional",
    "advantage*",   "stand out",      "great to have", "asset*",        "would be great",
    "not required"};
constexpr std::array<std::string_view, 28> kRequiredHeadings = {
    "requirement*",  "required",       "qualification*",  "must",
    "need",          "needed",         "looking for",     "you have",
    "you bring",     "you'll bring",   "who you are",     "about you",
    "profile",       "skills",         "experience",      "essential*",
    "criteria",      "to succeed",     "ideal candidate", "competenc*",
    "what it takes", "education",      "expertise",       "background",
    "knowledge",     "certification*", "licens*",         "prerequisite*"};
constexpr std::array<std::string_view, 19> kDutyHeadings = {
    "responsibilit*",   "what you'll do", "what you will do",
    "duties",           "day to day",     "day-to-day",
    "your role",        "in this role",   "you will",
    "you'll",           "doing",          "tasks",
    "accountabilit*",   "your impact",    "your mission",
    "the job involves", "your day",       "scope",
    "key activities"};
constexpr std::array<std::string_view, 8> kRoleHeadings = {
    "about the role", "about the position", "about this role", "about the job",
    "the role",       "the position",       "the opportunity", "this role"};
constexpr std::array<std::string_view, 13> kCompanyHeadings = {
    "about us",    "who we are", "about the company", "our company", "company*",
    "our mission", "our story",  "about the team",    "our team",    "culture",
    "our values",  "who are we", "the team"};
constexpr std::array<std::string_view, 9> kGeneralRoleHeadings = {
    "overview", "summary", "description", "introduction", "position",
    "role",     "job",     "location",    "opportunity"};
// Lists of a posting's tools ("Tools and equipment", "Tech stack"): what the work uses, like
// its duties.
constexpr std::array<std::string_view, 6> kToolHeadings = {"tools",     "technolog*", "tech stack",
                                                           "equipment", "software",   "stack"};

// Words a heading may be made of besides the keywords above; a short line with any other word
// and no closing colon ("Strong SQL skills") is content, not a heading.
constexpr std::array<std::string_view, 48> kHeadingFillers = {
    "and",  "the",   "our",     "your",     "you",   "we",     "a",         "an",
    "to",   "if",    "have",    "is",       "are",   "what",   "who",       "key",
    "for",  "of",    "in",      "this",     "with",  "it",     "it's",      "its",
    "also", "do",    "be",      "will",     "would", "should", "can",       "get",
    "us",   "about", "more",    "day",      "we're", "you're", "job",       "role",
    "team", "basic", "minimum", "required", "core",  "main",   "technical", "other"};

// Whether `w` is one of the words of a heading phrase (the last one may be a word's beginning).
bool PhraseHasWord(std::string_view phrase, std::string_view w) {
  const bool prefix = phrase.ends_with('*');
  if (prefix) phrase.remove_suffix(1);
  size_t i = 0;
  while (i < phrase.size()) {
    size_t j = phrase.find(' ', i);
    if (j == std::string_view::npos) j = phrase.size();
    const std::string_view pw = phrase.substr(i, j - i);
    if (pw == w || (prefix && j == phrase.size() && w.starts_with(pw))) return true;
    i = j + 1;
  }
  return false;
}

template <size_t N>
bool AnyPhraseHasWord(const std::array<std::string_view, N>& phrases, std::string_view w) {
  for (std::string_view p : phrases) {
    if (PhraseHasWord(p, w)) return true;
  }
  return false;
}

bool IsHeadingWord(std::string_view w) {
  for (std::string_view f : kHeadingFillers) {
    if (w == f) return true;
  }
  return AnyPhraseHasWord(kLegalHeadings, w) || AnyPhraseHasWord(kApplyHeadings, w) ||
         AnyPhraseHasWord(kBenefitHeadings, w) || AnyPhraseHasWord(kPreferredHeadings, w) ||
         AnyPhraseHasWord(kRequiredHeadings, w) || AnyPhraseHasWord(kDutyHeadings, w) ||
         AnyPhraseHasWord(kRoleHeadings, w) || AnyPhraseHasWord(kCompanyHeadings, w) ||
         AnyPhraseHasWord(kGeneralRoleHeadings, w) || AnyPhraseHasWord(kToolHeadings, w);
}

bool WordsAreHeadingWords(std::string_view lower) {
  size_t i = 0;
  while (i < lower.size()) {
    if (!IsAsciiAlpha(lower[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < lower.size() && (IsAsciiAlpha(lower[j]) || lower[j] == '\'' || lower[j] == '-')) {
      ++j;
    }
    if (!IsHeadingWord(lower.substr(i, j - i))) return false;
    i = j;
  }
  return true;
}

// Paragraphs known by what they say, whatever heading (if any) stands above them.
constexpr std::array<std::string_view, 16> kLegalText = {
    "equal opportunit*",         "equal employment",   "affirmative action",
    "without regard to",         "regardless of race", "e-verify",
    "reasonable accommodation*", "discriminat*",       "protected veteran*",
    "sexual orientation",        "national origin",    "fair credit reporting",
    "encouraged to apply",       "gender identity",    "fair chance",
    "genetic information"};
constexpr std::array<std::string_view, 15> kApplyText = {"how to apply",
                                                         "to apply,",
                                                         "to apply for this",
                                                         "apply online",
                                                         "apply now",
                                                         "send your resume",
                                                         "send your cv",
                                                         "submit your resume",
                                                         "submit your application",
                                                         "apply through our",
                                                         "apply via",
                                                         "please apply",
                                                         "shortlisted candidates",
                                                         "applications will be",
                                                         "send us your"};
constexpr std::array<std::string_view, 22> kBenefitText = {"we offer",
                                                           "perks",
                                                           "benefits include",
                                                           "our benefits",
                                                           "401(k)",
                                                           "401k",
                                                           "paid time off",
                                                           "dental",
                                                           "health insurance",
                                                           "medical insurance",
                                                           "parental leave",
                                                           "stock options",
                                                           "tuition reimbursement",
                                                           "you will enjoy",
                                                           "you'll enjoy",
                                                           "employee discount*",
                                                           "pension",
                                                           "stipend",
                                                           "competitive salary",
                                                           "competitive pay",
                                                           "catered",
                                                           "paid holidays"};
// A sentence about the employer ("We are a ...", "Founded in 2009, we build ..."), unless it
// speaks to the candidate.
constexpr std::array<std::string_view, 20> kCompanyText = {"we are a",
                                                           "we're a",
                                                           "we are the",
                                                           "founded in",
                                                           "our mission",
                                                           "our company",
                                                           "our platform",
                                                           "our customers",
                                                           "our clients",
                                                           "our products",
                                                           "is a leading",
                                                           "headquartered",
                                                           "we build",
                                                           "we make",
                                                           "we help",
                                                           "we serve",
                                                           "offices in",
                                                           "our product",
                                                           "employees worldwide",
                                                           "is proud to be"};
constexpr std::array<std::string_view, 9> kSpeaksToCandidate = {
    "you",        "your",       "candidate*",  "must",  "required",
    "experience", "applicant*", "looking for", "hiring"};
// A line that asks for an ability is a requirement even when it names a benefit's words
// ("experience administering 401(k) plans", "dental assistant certification required").
constexpr std::array<std::string_view, 14> kAbilityCues = {
    "experience",    "experienced",     "knowledge", "must",      "required",   "years",
    "ability",       "skill*",          "certif*",   "familiar*", "proficien*", "degree",
    "background in", "understanding of"};

PostingPart PartOfText(std::string_view lower) {
  if (HasAnyPhrase(lower, kLegalText)) return PostingPart::kLegal;
  if (HasAnyPhrase(lower, kApplyText)) return PostingPart::kApply;
  if (HasAnyPhrase(lower, kAbilityCues)) return PostingPart::kUnknown;
  if (HasAnyPhrase(lower, kBenefitText)) return PostingPart::kBenefits;
  if (HasAnyPhrase(lower, kCompanyText) && !HasAnyPhrase(lower, kSpeaksToCandidate)) {
    return PostingPart::kCompany;
  }
  return PostingPart::kUnknown;
}

bool StartsWithBullet(std::string_view line) {
  std::string_view t = Trim(line);
  return !t.empty() && (IsBulletMark(t.front()) || t.front() == '-' || t.front() == '*');
}

// The heading this line is, if it is one: a short line (closing colon or not) in a heading's
// wording, never a list item or a sentence.
bool AsHeading(std::string_view line, PostingPart* part) {
  std::string_view t = Trim(line);
  if (t.empty() || t.size() > 60 || StartsWithBullet(t) || t.back() == '.') return false;
  std::string lower = AsciiLowerCopy(t);
  const bool colon = lower.back() == ':';
  while (!lower.empty() && (lower.back() == ':' || lower.back() == ' ')) lower.pop_back();
  if (lower.empty() || CountWords(lower) > 8) return false;
  if (!colon && !WordsAreHeadingWords(lower)) {
    // "About Acme": the company, by name.
    if (!(lower.starts_with("about ") && CountWords(lower) <= 4)) return false;
  }
  const PostingPart p = HeadingPart(lower);
  if (p == PostingPart::kUnknown && !lower.starts_with("about ")) return false;
  *part = p == PostingPart::kUnknown ? PostingPart::kCompany : p;
  return true;
}

// "Perks: on-site gym ...", "Ideally you also have: ...": a heading's wording before a colon
// opens the part for the rest of the line (and what follows it).
bool SplitLead(std::string_view line, PostingPart* part, std::string_view* rest) {
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon + 1 >= line.size()) return false;
  std::string lead = AsciiLowerCopy(TrimBullets(line.substr(0, colon)));
  // "Experience in one or more of the following:" introduces its list; it is no heading.
  if (lead.empty() || CountWords(lead) > 8 || !WordsAreHeadingWords(lead)) return false;
  const PostingPart p = HeadingPart(lead);
  if (p == PostingPart::kUnknown) return false;
  *part = p;
  *rest = Trim(line.substr(colon + 1));
  return true;
}

}  // namespace

PostingPart HeadingPart(std::string_view phrase) {
  if (HasAnyPhrase(phrase, kLegalHeadings)) return PostingPart::kLegal;
  if (HasAnyPhrase(phrase, kApplyHeadings)) return PostingPart::kApply;
  if (HasAnyPhrase(phrase, kBenefitHeadings)) return PostingPart::kBenefits;
  if (HasAnyPhrase(phrase, kPreferredHeadings)) return PostingPart::kPreferred;
  if (HasAnyPhrase(phrase, kRequiredHeadings)) return PostingPart::kRequired;
  if (HasAnyPhrase(phrase, kDutyHeadings)) return PostingPart::kDuties;
  if (HasAnyPhrase(phrase, kRoleHeadings)) return PostingPart::kRole;
  if (HasAnyPhrase(phrase, kCompanyHeadings)) return PostingPart::kCompany;
  if (HasAnyPhrase(phrase, kToolHeadings)) return PostingPart::kDuties;
  if (HasAnyPhrase(phrase, kGeneralRoleHeadings)) return PostingPart::kRole;
  return PostingPart::kUnknown;
}

std::vector<PostingLine> SegmentPosting(std::string_view text) {
  std::vector<PostingLine> out;
  PostingPart part = PostingPart::kUnknown;
  bool part_has_content = false;  // a line was read under the current heading
  bool after_blank = false;
  // A list's lead with its first items on the same line ("Nice to have: AWS, Redis.") opens its
  // part for the bullet items under it; a plain line after them returns to the part before.
  bool in_lead_items = false;
  PostingPart before_lead = PostingPart::kUnknown;
  for (const Line& l : SplitLines(text)) {
    std::string_view line = Trim(l.text);
    if (line.empty()) {
      after_blank = part_has_content;
      continue;
    }
    PostingPart heading;
    if (AsHeading(line, &heading)) {
      part = heading;
      part_has_content = false;
      after_blank = false;
      in_lead_items = false;
      continue;
    }
    std::string_view content = line;
    PostingPart lead;
    PostingPart lead_part = PostingPart::kUnknown;
    if (SplitLead(line, &lead, &content)) {
      // A list's lead ("Requirements: ...", "Ideally you also have: ...") opens its part for its
      // items; "Salary: ..." or "Location: ..." speaks of its own line only.
      lead_part = lead;
      if (lead == PostingPart::kRequired || lead == PostingPart::kPreferred ||
          lead == PostingPart::kDuties) {
        if (!in_lead_items) before_lead = part;
        part = lead;
        in_lead_items = true;
      }
    } else if (in_lead_items && !StartsWithBullet(line)) {
      part = before_lead;
      in_lead_items = false;
    } else if (after_blank && !StartsWithBullet(line) && CountWords(line) >= 10) {
      // A paragraph after a blank line that is no item of the list above starts text of its
      // own: "... - Kafka\n\nWe are proud of our culture of ..." is not a requirement.
      part = PostingPart::kUnknown;
    }
    after_blank = false;
    part_has_content = true;
    const std::string lower = AsciiLowerCopy(content);
    const PostingPart said = PartOfText(lower);
    // Legal, benefit and application text is known by what it says under any heading; the
    // company describes itself only outside the lists of what the job asks.
    PostingPart line_part = lead_part != PostingPart::kUnknown ? lead_part : part;
    if (said == PostingPart::kLegal || said == PostingPart::kApply ||
        said == PostingPart::kBenefits) {
      line_part = said;
    } else if (said == PostingPart::kCompany && part != PostingPart::kRequired &&
               part != PostingPart::kPreferred) {
      line_part = said;
    }
    out.push_back(PostingLine{content, line_part});
  }
  return out;
}

}  // namespace shortlist::engine

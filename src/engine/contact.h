// Contact details of a resume (name, e-mail, phone, profile URLs, location) and the byte spans
// that identify the person. The spans are masked out before any scoring feature reads the text,
// which is what makes scores blind to who the candidate is.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/engine.h"
#include "engine/sections.h"
#include "engine/text.h"

namespace shortlist::engine {

struct ContactScan {
  ContactInfo contact;
  // Byte ranges [begin, end) of the text that identify the person: name, e-mail, phone, URLs,
  // address/location, date of birth, gender, marital status, nationality, pronouns.
  std::vector<std::pair<size_t, size_t>> identity_spans;
};

// `lines` are the text's lines, `kinds` their sections; `headings` marks section headings (never
// a name);
// `word_kind(word)` is 2 for a title or heading word (then the line is not a name), 1 for a
// skill alias, 3 for an ordinary word of occupational language, 0 otherwise (a name's word, a
// rare term). A line of only kinds 1 and 3 is not a name: "Python Developer", "BPO Team
// Leader", "Career Focus" (resumes that open with a title, not a name); a name has a word
// outside that vocabulary, which given names nearly always are.
template <typename WordKind>
ContactScan ScanContact(std::string_view text, const std::vector<Line>& lines,
                        const std::vector<SectionKind>& kinds, const std::vector<bool>& headings,
                        WordKind&& word_kind);

// Helpers, exposed for the template and for tests.
bool LooksLikeName(std::string_view line);
// Whether a profile URL in `text` is made of `candidate`'s words ("indeed.com/r/rishabh-soni/...",
// "linkedin.com/in/jane-doe-123"): a first line written in lower case ("rishabh soni") is then
// the person's name all the same.
bool NamedByProfileUrl(std::string_view text, std::string_view candidate);
// Finds e-mails, phones and URLs anywhere; fills `scan`.
void ScanIdentifiers(std::string_view text, ContactScan* scan);
// Personal-detail lines ("Date of Birth: ...", "Gender: ...", "Address: ...") and pronouns.
void ScanPersonalDetails(std::string_view text, const std::vector<Line>& lines, ContactScan* scan);
// "City, ST" / "City, Country" on a short header line.
bool LooksLikeLocation(std::string_view line);
// Whether `candidate` (a line near the top, lines[at]) comes back later as a job the resume
// lists: in the experience section, on a line with a date range or just above one
// ("Construction Laborer 01/2010 to 05/2012"). Then it is the candidate's title, not their name.
// (A footer "Jane Doe - 2023-2024" is not in the experience section.)
bool HeldAsAJob(const std::vector<Line>& lines, const std::vector<SectionKind>& kinds, size_t at,
                std::string_view candidate);

template <typename WordKind>
ContactScan ScanContact(std::string_view text, const std::vector<Line>& lines,
                        const std::vector<SectionKind>& kinds, const std::vector<bool>& headings,
                        WordKind&& word_kind) {
  ContactScan scan;
  ScanIdentifiers(text, &scan);
  ScanPersonalDetails(text, lines, &scan);
  // The name: among the first non-empty lines, one that looks like a person's name and is not a
  // heading or a known term (Kaggle-style resumes open with a job title, not a name).
  int seen = 0;
  for (size_t i = 0; i < lines.size() && seen < 4; ++i) {
    std::string_view t = Trim(lines[i].text);
    if (t.empty()) continue;
    ++seen;
    if (headings[i]) break;
    // "Name: Jane Doe"
    std::string_view candidate = t;
    if (candidate.size() > 5 && AsciiLowerCopy(candidate.substr(0, 5)) == "name:") {
      candidate = Trim(candidate.substr(5));
    }
    // Cut a name off what follows it on the same line ("Jane Doe | jane@x.com").
    size_t cut = candidate.find_first_of("|,;@(\t");
    if (cut != std::string_view::npos) candidate = Trim(candidate.substr(0, cut));
    size_t wide = candidate.find("   ");
    if (wide != std::string_view::npos) candidate = Trim(candidate.substr(0, wide));
    if (!LooksLikeName(candidate)) {
      std::string capitalised(candidate);
      for (size_t k = 0; k < capitalised.size(); ++k) {
        if (k == 0 || capitalised[k - 1] == ' ') capitalised[k] = AsciiUpper(capitalised[k]);
      }
      if (!LooksLikeName(capitalised) || !NamedByProfileUrl(text, candidate)) continue;
    }
    int title_words = 0;
    int known_words = 0;
    int words = 0;
    size_t p = 0;
    while (p < candidate.size()) {
      size_t q = candidate.find(' ', p);
      if (q == std::string_view::npos) q = candidate.size();
      if (q > p) {
        ++words;
        int kind = word_kind(candidate.substr(p, q - p));
        title_words += kind == 2;
        known_words += kind == 1 || kind == 3;
      }
      p = q + 1;
    }
    if (title_words > 0 || known_words == words) continue;
    if (HeldAsAJob(lines, kinds, i, candidate)) continue;
    // A resume with no e-mail or phone anywhere (anonymised, as the benchmark's are) whose first
    // line, in capitals, stands straight above a heading opens with its headline ("POSTAL
    // SUPPORT EMPLOYEE" / "Summary"): a name stands above the contacts it goes with.
    if (seen == 1 && scan.contact.email.empty() && scan.contact.phone.empty() &&
        std::none_of(candidate.begin(), candidate.end(),
                     [](char c) { return c >= 'a' && c <= 'z'; })) {
      size_t next = i + 1;
      while (next < lines.size() && Trim(lines[next].text).empty()) ++next;
      if (next < lines.size() && headings[next]) continue;
    }
    scan.contact.name = std::string(candidate);
    size_t begin = static_cast<size_t>(candidate.data() - text.data());
    scan.identity_spans.emplace_back(begin, begin + candidate.size());
    break;
  }
  // Location: a short header line that looks like "City, ST" and names no job title
  // ("SUPERVISOR, ACCOUNTANT" and "VP, PRINCIPAL" are headlines).
  auto names_a_title = [&word_kind](std::string_view line) {
    bool title = false;
    ForEachToken(line, [&](std::string_view token) { title = title || word_kind(token) == 2; });
    return title;
  };
  if (scan.contact.location.empty()) {
    int checked = 0;
    for (size_t i = 0; i < lines.size() && checked < 8; ++i) {
      std::string_view t = Trim(lines[i].text);
      if (t.empty()) continue;
      ++checked;
      if (headings[i]) break;
      // A place before the line's contact details (Indeed's header: "Bengaluru, Karnataka - Email
      // me on Indeed: indeed.com/r/..."; also a place of one to three words there: "Pune - Email me
      // ...").
      bool before_contacts = false;
      if (const size_t dash = t.find(" - "); dash != std::string_view::npos) {
        const std::string after = AsciiLowerCopy(t.substr(dash + 3, 40));
        before_contacts =
            after.find('@') != std::string::npos || after.find("email") != std::string::npos ||
            after.find("e-mail") != std::string::npos || after.find("phone") != std::string::npos ||
            after.find("http") != std::string::npos || after.find("www.") != std::string::npos;
        if (before_contacts) t = Trim(t.substr(0, dash));
      }
      const bool place_name = before_contacts && !t.empty() && t.size() <= 40 &&
                              CountWords(t) <= 3 && std::all_of(t.begin(), t.end(), [](char c) {
                                return IsAsciiAlpha(c) || c == ' ' || c == ',';
                              });
      if ((LooksLikeLocation(t) || place_name) && !names_a_title(t)) {
        scan.contact.location = std::string(t);
        size_t begin = static_cast<size_t>(t.data() - text.data());
        scan.identity_spans.emplace_back(begin, begin + t.size());
        break;
      }
    }
  }
  // Every later occurrence of the name's words (a signature, "Jane's portfolio"), except words
  // that are also skills or titles: a "Ruby" or "Go" elsewhere is far more likely the skill, and
  // it must count the same whatever the candidate is called.
  if (!scan.contact.name.empty()) {
    std::string lower_text = AsciiLowerCopy(text);
    std::string_view name = scan.contact.name;
    size_t p = 0;
    while (p < name.size()) {
      size_t q = name.find(' ', p);
      if (q == std::string_view::npos) q = name.size();
      std::string word = AsciiLowerCopy(name.substr(p, q - p));
      p = q + 1;
      int kind = word_kind(word);
      if (word.size() < 2 || kind == 1 || kind == 2) continue;
      size_t at = 0;
      while ((at = lower_text.find(word, at)) != std::string::npos) {
        size_t end = at + word.size();
        bool left = at == 0 || !IsWordByte(lower_text[at - 1]);
        bool right = end >= lower_text.size() || !IsWordByte(lower_text[end]);
        if (left && right) scan.identity_spans.emplace_back(at, end);
        at = end;
      }
    }
  }
  return scan;
}

}  // namespace shortlist::engine

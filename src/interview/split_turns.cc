// SplitTurns: speaker labels and turns.
//
// A label is the text before a colon that starts a line or follows the end of a sentence
// ("...yourself? Candidate: Sure"), once timestamps and markdown are stripped: one to four words,
// starting with a letter. Role labels (Interviewer, Candidate, Q, A, Recruiter...) are accepted
// wherever they appear. Other labels must look like names (capitalised words) and recur, so
// "Result: we shipped" inside an answer is not a new speaker; when a transcript has role labels,
// names count only at the start of a line.
#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "interview/interview.h"
#include "interview/lexicon.h"

namespace shortlist::interview {
namespace {

constexpr std::size_t kMaxTranscriptBytes = 2u << 20;
constexpr std::size_t kMaxLabelChars = 40;

enum class Role { kUnknown, kInterviewer, kCandidate };

struct LabelHit {
  std::size_t label_begin = 0;  // where the label (with any timestamp) starts
  std::size_t text_begin = 0;   // first byte after the colon
  std::string label;            // cleaned label as written
  std::string key;              // lowercase label, for grouping
  bool line_start = false;
  Role role = Role::kUnknown;
};

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string Collapse(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (IsSpace(c)) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

// Strips timestamps, list and markdown markers around a label: "[00:01:12] **Jane**" -> "Jane".
std::string_view CleanLabel(std::string_view raw) {
  auto junk_front = [](char c) {
    return IsSpace(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '[' || c == ']' ||
           c == '(' || c == ')' || c == ':' || c == '.' || c == ',' || c == '-' || c == '|' ||
           c == '*' || c == '_' || c == '>' || c == '#';
  };
  auto junk_back = [](char c) { return IsSpace(c) || c == '*' || c == '_'; };
  while (!raw.empty() && junk_front(raw.front())) raw.remove_prefix(1);
  while (!raw.empty() && junk_back(raw.back())) raw.remove_suffix(1);
  return raw;
}

bool ValidLabelShape(std::string_view label) {
  if (label.empty() || label.size() > kMaxLabelChars) return false;
  unsigned char first = static_cast<unsigned char>(label.front());
  if (!std::isalpha(first) && first < 0x80) return false;
  int words = 1;
  for (char c : label) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == ' ') {
      ++words;
    } else if (!(std::isalnum(u) || u >= 0x80 || c == '.' || c == '\'' || c == '-' || c == '(' ||
                 c == ')' || c == '&')) {
      return false;
    }
  }
  return words <= 4;
}

// Every word capitalised (or non-ASCII, or in parentheses): "Jane Smith", "Sam (Panel)".
bool NameLike(std::string_view label) {
  bool word_start = true;
  for (char c : label) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == ' ') {
      word_start = true;
      continue;
    }
    if (word_start && c != '(' && std::islower(u)) return false;
    word_start = false;
  }
  return true;
}

Role RoleOf(const Lexicon& lexicon, std::string_view label) {
  std::vector<Token> tokens = Tokenize(label);
  if (tokens.empty()) return Role::kUnknown;
  bool parenthesised = label.find('(') != std::string_view::npos;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0 && !parenthesised) break;
    std::size_t interviewer = lexicon.interviewer_labels.MatchAt(tokens, i);
    std::size_t candidate = lexicon.candidate_labels.MatchAt(tokens, i);
    // A one-letter role ("Q", "A") must be the whole label, so "Plan A" is no speaker.
    auto whole_or_word = [&](std::size_t length) {
      return length > 0 && (tokens[i].text.size() > 1 || tokens.size() == 1);
    };
    if (whole_or_word(interviewer)) return Role::kInterviewer;
    if (whole_or_word(candidate)) return Role::kCandidate;
  }
  return Role::kUnknown;
}

// "Name:" labels: a colon after at most kMaxLabelChars (plus room for a timestamp and markup) at
// the start of a line or after a sentence's end, shaped like a label and naming a role or a
// person (a one-word non-speaker label such as "Note:" is not one).
void FindColonLabels(const Lexicon& lexicon, const std::string& text, std::vector<LabelHit>* hits) {
  for (std::size_t colon = text.find(':'); colon != std::string::npos;
       colon = text.find(':', colon + 1)) {
    char next = colon + 1 < text.size() ? text[colon + 1] : ' ';
    if (std::isdigit(static_cast<unsigned char>(next)) || next == '/') continue;  // 10:30, http:
    std::size_t start = colon;
    bool line_start = true;
    while (start > 0) {
      char c = text[start - 1];
      if (c == '\n') break;
      if ((c == '.' || c == '?' || c == '!' || c == '"') && start < colon && IsSpace(text[start])) {
        line_start = false;
        break;
      }
      if (colon - start > kMaxLabelChars + 24) break;  // room for a timestamp and markup
      --start;
    }
    if (start > 0 && text[start - 1] != '\n' && line_start) continue;  // ran out of room
    std::string_view label = CleanLabel(std::string_view(text).substr(start, colon - start));
    if (!ValidLabelShape(label)) continue;
    LabelHit hit;
    hit.label_begin = start;
    hit.text_begin = colon + 1;
    while (hit.text_begin < text.size() &&
           (text[hit.text_begin] == '*' || text[hit.text_begin] == '_')) {
      ++hit.text_begin;
    }
    hit.label = std::string(label);
    for (char c : hit.label)
      hit.key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    hit.line_start = line_start;
    hit.role = RoleOf(lexicon, label);
    if (hit.role == Role::kUnknown) {
      if (!NameLike(label)) continue;
      std::vector<Token> tokens = Tokenize(label);
      if (tokens.size() == 1 && lexicon.non_speaker_labels.Contains(tokens[0].text)) continue;
    }
    hits->push_back(std::move(hit));
  }
}

// "Q. What is...?" / "A. It is..." at the start of a line.
void FindQuestionAnswerLabels(const std::string& text, std::vector<LabelHit>* hits) {
  for (std::size_t line = 0; line < text.size();) {
    std::size_t i = line;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i + 2 < text.size() && text[i + 1] == '.' && (text[i + 2] == ' ' || text[i + 2] == '\t')) {
      char letter = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
      if (letter == 'Q' || letter == 'A') {
        LabelHit hit;
        hit.label_begin = line;
        hit.text_begin = i + 2;
        hit.label = std::string(1, text[i]);
        hit.key =
            std::string(1, static_cast<char>(std::tolower(static_cast<unsigned char>(letter))));
        hit.line_start = true;
        hit.role = letter == 'Q' ? Role::kInterviewer : Role::kCandidate;
        hits->push_back(std::move(hit));
      }
    }
    std::size_t next = text.find('\n', line);
    line = next == std::string::npos ? text.size() : next + 1;
  }
}

std::vector<LabelHit> FindLabels(const Lexicon& lexicon, const std::string& text) {
  std::vector<LabelHit> hits;
  FindColonLabels(lexicon, text, &hits);
  FindQuestionAnswerLabels(text, &hits);
  std::sort(hits.begin(), hits.end(),
            [](const LabelHit& a, const LabelHit& b) { return a.label_begin < b.label_begin; });

  bool has_roles = std::any_of(hits.begin(), hits.end(),
                               [](const LabelHit& h) { return h.role != Role::kUnknown; });
  std::map<std::string, int> name_count;
  for (const LabelHit& h : hits) {
    if (h.role == Role::kUnknown && (!has_roles || h.line_start)) ++name_count[h.key];
  }
  std::vector<LabelHit> accepted;
  for (LabelHit& h : hits) {
    bool keep = h.role != Role::kUnknown;
    if (!keep && (!has_roles || h.line_start)) {
      // Names must recur, except at the start of a line in a transcript of names only (a
      // panellist may speak once) when the label is no technical term ("Python: 5 years").
      std::vector<Token> words = Tokenize(h.label);
      bool technical = words.size() == 1 && lexicon.technical_terms.Contains(words[0].text);
      keep = name_count[h.key] >= 2 || (!has_roles && h.line_start && !technical);
    }
    if (keep) accepted.push_back(std::move(h));
  }
  return accepted;
}

// With names only: those who mostly ask questions are interviewers (at least one, never all).
void AssignUnknownRoles(std::vector<LabelHit>& hits, const std::vector<std::string>& texts) {
  if (hits.empty()) return;
  bool any_candidate = false, any_interviewer = false;
  for (const LabelHit& h : hits) {
    any_candidate = any_candidate || h.role == Role::kCandidate;
    any_interviewer = any_interviewer || h.role == Role::kInterviewer;
  }
  if (any_candidate || any_interviewer) {
    for (LabelHit& h : hits) {
      if (h.role == Role::kUnknown) h.role = any_candidate ? Role::kInterviewer : Role::kCandidate;
    }
    return;
  }
  std::map<std::string, std::pair<int, int>> asked;  // key -> (turns with '?', turns)
  std::vector<std::string> order;
  for (std::size_t i = 0; i < hits.size(); ++i) {
    auto [it, inserted] = asked.try_emplace(hits[i].key, 0, 0);
    if (inserted) order.push_back(hits[i].key);
    it->second.second += 1;
    if (texts[i].find('?') != std::string::npos) it->second.first += 1;
  }
  std::map<std::string, Role> role;
  if (order.size() == 1) {
    role[order[0]] = Role::kCandidate;
  } else {
    std::string top = order[0];
    double top_ratio = -1;
    int questioners = 0;
    for (const std::string& key : order) {
      double ratio = static_cast<double>(asked[key].first) / asked[key].second;
      if (ratio > top_ratio) {
        top_ratio = ratio;
        top = key;
      }
      if (ratio >= 0.5) ++questioners;
    }
    for (const std::string& key : order) {
      double ratio = static_cast<double>(asked[key].first) / asked[key].second;
      bool interviewer =
          key == top || (ratio >= 0.5 && questioners < static_cast<int>(order.size()));
      role[key] = interviewer ? Role::kInterviewer : Role::kCandidate;
    }
  }
  for (LabelHit& h : hits) h.role = role[h.key];
}

Error Invalid(std::string message) {
  return Error::Make("invalid_transcript", std::move(message), "transcript");
}

}  // namespace

Result<std::vector<Turn>> SplitTurns(std::string_view transcript) {
  if (transcript.size() > kMaxTranscriptBytes) {
    return Invalid("The transcript is larger than 2 MB.");
  }
  std::string text;
  text.reserve(transcript.size());
  for (std::size_t i = 0; i < transcript.size(); ++i) {
    char c = transcript[i];
    if (c == '\r') {
      text += '\n';
      if (i + 1 < transcript.size() && transcript[i + 1] == '\n') ++i;
    } else {
      text += c;
    }
  }
  if (Collapse(text).empty()) return Invalid("The transcript is empty.");

  std::vector<LabelHit> hits = FindLabels(EmbeddedLexicon(), text);
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < hits.size(); ++i) {
    std::size_t end = i + 1 < hits.size() ? hits[i + 1].label_begin : text.size();
    texts.push_back(Collapse(std::string_view(text).substr(
        hits[i].text_begin, end > hits[i].text_begin ? end - hits[i].text_begin : 0)));
  }
  AssignUnknownRoles(hits, texts);

  std::vector<Turn> turns;
  for (std::size_t i = 0; i < hits.size(); ++i) {
    if (texts[i].empty()) continue;
    bool is_candidate = hits[i].role == Role::kCandidate;
    if (!turns.empty() && turns.back().speaker == hits[i].label) {
      turns.back().text += " " + texts[i];
      continue;
    }
    turns.push_back({hits[i].label, is_candidate, texts[i]});
  }
  bool any_candidate =
      std::any_of(turns.begin(), turns.end(), [](const Turn& t) { return t.is_candidate; });
  if (!any_candidate) {
    return Invalid(
        "No candidate answer found in the transcript. Label each turn with its speaker, e.g. "
        "\"Interviewer: ...\" and \"Candidate: ...\" (or \"Q:\" / \"A:\", or names).");
  }
  return turns;
}

}  // namespace shortlist::interview

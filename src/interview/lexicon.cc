#include "interview/lexicon.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace shortlist::interview::data {
std::string_view LexiconsText();
}  // namespace shortlist::interview::data

namespace shortlist::interview {
namespace {

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

Result<Lexicon> Lexicon::Parse(std::string_view text) {
  Lexicon lexicon;
  const std::vector<std::pair<std::string_view, PhraseSet*>> sections = {
      {"interviewer_labels", &lexicon.interviewer_labels},
      {"candidate_labels", &lexicon.candidate_labels},
      {"non_speaker_labels", &lexicon.non_speaker_labels},
      {"first_person_singular", &lexicon.first_person_singular},
      {"first_person_plural", &lexicon.first_person_plural},
      {"ownership", &lexicon.ownership},
      {"hedges", &lexicon.hedges},
      {"fillers", &lexicon.fillers},
      {"situation_cues", &lexicon.situation_cues},
      {"task_cues", &lexicon.task_cues},
      {"action_verbs", &lexicon.action_verbs},
      {"action_adverbs", &lexicon.action_adverbs},
      {"result_cues", &lexicon.result_cues},
      {"metric_units", &lexicon.metric_units},
      {"technical_terms", &lexicon.technical_terms},
      {"problem_solving_cues", &lexicon.problem_solving_cues},
      {"collaboration_cues", &lexicon.collaboration_cues},
      {"leadership_cues", &lexicon.leadership_cues},
      {"behavioural_question_cues", &lexicon.behavioural_question_cues},
      {"negations", &lexicon.negations},
      {"stopwords", &lexicon.stopwords},
  };
  PhraseSet* current = nullptr;
  int line_number = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = TrimView(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '@') {
      std::string_view name = TrimView(line.substr(1));
      current = nullptr;
      for (const auto& [section, set] : sections) {
        if (section == name) current = set;
      }
      if (current == nullptr) {
        return Error::Make("invalid_lexicon", "line " + std::to_string(line_number) +
                                                  ": unknown section '" + std::string(name) + "'");
      }
      continue;
    }
    if (current == nullptr) {
      return Error::Make("invalid_lexicon",
                         "line " + std::to_string(line_number) + ": phrase before any section");
    }
    current->Add(line);
  }
  for (const auto& [section, set] : sections) {
    if (set->empty()) {
      return Error::Make("invalid_lexicon", "section '" + std::string(section) + "' is empty");
    }
  }
  return lexicon;
}

const Lexicon& EmbeddedLexicon() {
  static const Lexicon lexicon = [] {
    Result<Lexicon> parsed = Lexicon::Parse(data::LexiconsText());
    if (!parsed.ok()) {
      std::fprintf(stderr, "interview: embedded data/interview/lexicons.txt is malformed: %s\n",
                   parsed.error().message.c_str());
      std::abort();
    }
    return std::move(parsed).value();
  }();
  return lexicon;
}

}  // namespace shortlist::interview

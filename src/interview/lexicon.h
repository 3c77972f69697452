// The word lists of data/interview/lexicons.txt, compiled into the library (internal).
#pragma once

#include <string_view>

#include "common/result.h"
#include "interview/text_scan.h"

namespace shortlist::interview {

struct Lexicon {
  PhraseSet interviewer_labels, candidate_labels, non_speaker_labels;
  PhraseSet first_person_singular, first_person_plural, ownership;
  PhraseSet hedges, fillers;
  PhraseSet situation_cues, task_cues, action_verbs, action_adverbs, result_cues, metric_units;
  PhraseSet technical_terms, problem_solving_cues, collaboration_cues, leadership_cues;
  PhraseSet behavioural_question_cues, negations, stopwords;

  // Error code "invalid_lexicon" for an unknown "@ section", a phrase before any section, or a
  // section left empty.
  static Result<Lexicon> Parse(std::string_view text);
};

// Parsed once on first use; a malformed embedded file aborts (a build defect, caught by tests).
const Lexicon& EmbeddedLexicon();

}  // namespace shortlist::interview

// Interview transcript analysis: split a transcript into speakers and turns, score the
// candidate's answers, raise concern flags and write a summary for the interviewer.
//
// Deterministic and explainable: every score is computed from counts of words and phrases in the
// candidate's own answers, using the lexicons in data/interview/ (compiled into the library):
// ownership ("I led", "I built" against "we"), hedges ("maybe", "I guess"), STAR cue phrases,
// technical vocabulary, and results (outcome words, numbers with %, x, ms, $...). No engine, no
// model, no randomness. Pure functions; safe to call from many threads at once.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace shortlist::interview {

enum class InterviewType { kBehavioural, kTechnical, kMixed };

// "behavioural" (also "behavioral"), "technical", "mixed"; case-insensitive. An empty string is
// "mixed". Error: code "invalid_value", field "interview_type", message listing the values.
Result<InterviewType> ParseInterviewType(std::string_view text);
std::string_view ToString(InterviewType type);  // "behavioural", "technical", "mixed"

struct Turn {
  std::string speaker;  // the label as written: "Interviewer", "Q", "Jane Smith"
  bool is_candidate = false;
  std::string text;  // what was said, whitespace collapsed
};

struct AnswerAnalysis {
  std::string question;  // the interviewer's words before this answer ("" when none)
  std::string answer;
  int star_components = 0;  // 0-4: how many of situation, task, action, result are present
  bool situation = false, task = false, action = false, result = false;
  std::vector<std::string> flags;  // "short answer", "vague", "low ownership", "missing example",
                                   // "no measurable result", "contradiction"
};

struct TranscriptAnalysis {
  int overall_interview_score = 0;  // 0-100, weighted mean of the competencies
  // Always technical_depth, communication_clarity, problem_solving; behavioural and mixed add
  // ownership, collaboration, leadership and star_structure; a job description adds
  // role_alignment. Each 0-100, in that order.
  std::vector<std::pair<std::string, int>> competency_scores;
  double star_completeness_avg = 0;        // 0-4, mean over the candidate's answers
  std::vector<std::string> concern_flags;  // "low ownership signals", "vague answers",
                                           // "contradictions", "missing examples",
                                           // "short answers", "no measurable results",
                                           // "limited technical depth", "low role alignment"
  std::string interviewer_summary;         // cites the candidate's own words and terms
  std::vector<Turn> turns;
  std::vector<AnswerAnalysis> answers;  // one per candidate turn
};

// Splits "Interviewer: ... Candidate: ..." transcripts, one turn per line or several inline.
// Labels may be roles (Interviewer/Candidate, Q/A, Recruiter, Interviewee...) or names
// ("Jane Smith:"), optionally after a timestamp ("[00:01:12]") or in **bold**. With names only,
// the speaker who asks the most questions is the interviewer. Consecutive turns of one speaker
// are merged. Error code "invalid_transcript" (field "transcript") when the text is empty, too
// large (over 2 MB) or has no candidate turn.
Result<std::vector<Turn>> SplitTurns(std::string_view transcript);

// `job_description` may be empty; when given, role_alignment is scored and summarised.
// Errors: those of SplitTurns.
Result<TranscriptAnalysis> AnalyzeTranscript(std::string_view transcript, InterviewType type,
                                             std::string_view job_description);

}  // namespace shortlist::interview

// Candidate write-ups: what a recruiter reads next to a score.
//
// Everything here is written from what the engine found in THIS resume against THIS job: the
// matched and missing skills, years, employers and gaps of the Evaluation and ResumeProfile
// given. Nothing is invented: a fact the resume does not hold is left out (the text falls back
// to a shorter phrasing, never to an empty placeholder such as "Dear ," or "[Name]").
//
// Deterministic: the same inputs always give the same text. Phrasing varies between candidates
// by a hash of the input, never by randomness. The templates are data/generate/*.txt, compiled
// into the library. Pure functions; safe to call from many threads at once.
#pragma once

#include <string>
#include <vector>

#include "engine/engine.h"

namespace shortlist::generate {

struct InterviewQuestion {
  std::string question;
  std::string seeking;  // what the answer shows: "Technical depth", "Gap assessment", ...
};

struct CandidateWriteup {
  std::string summary;                  // 1-3 sentences: band and score, matched skills, years,
                                        // employers, the main gap
  std::vector<std::string> strengths;   // specific: "5.2 years of Python at Acme Corp"
  std::vector<std::string> weaknesses;  // specific: "No Docker (required, critical gap)"
  std::vector<InterviewQuestion> interview_questions;  // exactly 5, each about this resume's
                                                       // skills, employers or gaps when it has any
  std::string icebreaker;                              // names something concrete from the resume
  std::string linkedin_outreach_draft;  // greets by first name, names the job and matched skills
};

// `engine` is used only for RelatedSkills (to ask how a related skill the candidate has would
// carry over to a missing one).
CandidateWriteup WriteCandidate(const engine::Engine& engine, const engine::JobRequirements& job,
                                const engine::ResumeProfile& resume,
                                const engine::Evaluation& eval);

// Screening questions for the Evaluate API: the interview questions' text, at most
// `max_questions` of them, gaps and matched skills first.
std::vector<std::string> ScreeningQuestions(const engine::Engine& engine,
                                            const engine::JobRequirements& job,
                                            const engine::ResumeProfile& resume,
                                            const engine::Evaluation& eval,
                                            std::size_t max_questions = 3);

}  // namespace shortlist::generate

#include "generate/writeup.h"

#include <algorithm>

#include "generate/candidate_facts.h"
#include "generate/template_book.h"
#include "generate/text_util.h"

namespace shortlist::generate {
namespace {

constexpr std::size_t kQuestionCount = 5;
constexpr std::size_t kMaxStrengths = 6;
constexpr std::size_t kMaxWeaknesses = 6;

// Score bands; their wording is data ("band.<name>" in writeup.txt).
std::string_view BandName(int score) {
  if (score >= 80) return "strong";
  if (score >= 65) return "good";
  if (score >= 45) return "partial";
  return "weak";
}

void AddSkillVars(TemplateVars& vars, const SkillFact& skill) {
  vars["skill"] = skill.skill;
  vars["skill_years"] = FormatYears(skill.years);
  vars["skill_min_years"] = FormatMinYears(skill.min_years);
  vars["skill_employer"] = skill.employer;
  vars["via"] = skill.via;
  vars["evidence"] = skill.evidence.empty() ? "" : Shorten(skill.evidence, 80);
}

void AddGapVars(TemplateVars& vars, const GapFact& gap) {
  vars["skill"] = gap.skill;
  vars["severity"] = gap.severity;
  vars["related"] = gap.related_held;
}

void PushUnique(std::vector<std::string>& out, std::string text) {
  if (text.empty()) return;
  if (std::find(out.begin(), out.end(), text) == out.end()) out.push_back(std::move(text));
}

std::string JoinSentences(const std::vector<std::string>& sentences) {
  std::string out;
  for (const std::string& s : sentences) {
    if (s.empty()) continue;
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

std::string Summary(const TemplateBook& book, const CandidateFacts& facts,
                    const TemplateVars& vars) {
  std::vector<std::string> sentences;
  bool any_direct = std::any_of(facts.matched.begin(), facts.matched.end(),
                                [](const SkillFact& m) { return m.via.empty(); });
  sentences.push_back(
      book.Render(any_direct || facts.matched.empty() ? "summary.fit" : "summary.fit_related", vars,
                  facts.seed));
  sentences.push_back(book.Render("summary.experience", vars, facts.seed));
  if (!facts.missing.empty()) {
    sentences.push_back(book.Render("summary.gap", vars, facts.seed));
  } else if (!facts.matched.empty()) {
    sentences.push_back(book.Render("summary.no_gap", vars, facts.seed));
  }
  return JoinSentences(sentences);
}

// Per-item variables (a skill, a gap...) go in a small overlay over the shared `vars`.
std::vector<std::string> Strengths(const TemplateBook& book, const CandidateFacts& facts,
                                   const TemplateVars& vars) {
  std::vector<std::string> out;
  TemplateVars item;
  for (const SkillFact& skill : facts.matched) {
    if (out.size() >= 4) break;
    AddSkillVars(item, skill);
    PushUnique(out, book.Render(skill.via.empty() ? "strength.skill" : "strength.related", vars,
                                HashCombine(facts.seed, skill.skill), &item));
  }
  if (facts.total_years > 0 && facts.total_years >= facts.min_years) {
    PushUnique(out, book.Render("strength.experience", vars, facts.seed));
  }
  if (!facts.top_degree.empty() && !facts.degree_short) {
    PushUnique(out, book.Render("strength.degree", vars, facts.seed));
  }
  for (const std::string& certification : facts.certifications) {
    if (out.size() >= kMaxStrengths) break;
    item["certification"] = certification;
    PushUnique(out, book.Render("strength.certification", vars, facts.seed, &item));
  }
  if (out.size() > kMaxStrengths) out.resize(kMaxStrengths);
  return out;
}

std::vector<std::string> Weaknesses(const TemplateBook& book, const CandidateFacts& facts,
                                    const TemplateVars& vars) {
  std::vector<std::string> out;
  for (const GapFact& gap : facts.missing) {
    if (out.size() >= 4) break;
    TemplateVars item;
    AddGapVars(item, gap);
    PushUnique(
        out, book.Render(gap.required ? "weakness.missing_required" : "weakness.missing_preferred",
                         vars, HashCombine(facts.seed, gap.skill), &item));
  }
  for (const SkillFact& skill : facts.matched) {
    TemplateVars item;
    AddSkillVars(item, skill);
    if (skill.min_years > 0 && skill.years > 0 && skill.years + 0.05 < skill.min_years) {
      PushUnique(out, book.Render("weakness.skill_years", vars, facts.seed, &item));
    } else if (!skill.via.empty() && skill.required) {
      PushUnique(out, book.Render("weakness.related_only", vars, facts.seed, &item));
    }
  }
  if (facts.min_years > 0 && facts.total_years + 0.05 < facts.min_years) {
    PushUnique(out, book.Render("weakness.experience", vars, facts.seed));
  }
  if (facts.degree_short) {
    TemplateVars item{{"degree_needed", facts.degree_needed}};
    PushUnique(out, book.Render("weakness.degree", vars, facts.seed, &item));
  }
  for (const std::string& flag : facts.profile_flags) {
    PushUnique(out, book.Render("flag." + flag, vars, facts.seed));
  }
  if (out.size() > kMaxWeaknesses) out.resize(kMaxWeaknesses);
  return out;
}

// Questions in priority order: the strongest matched skill, the main gap, the latest employer,
// the next skill, a years shortfall or the next gap; then further skills and gaps; then
// questions about the role itself. The first five distinct ones are kept.
std::vector<InterviewQuestion> Questions(const CandidateFacts& facts, const TemplateVars& base) {
  const TemplateBook& book = EmbeddedBook("questions");
  std::vector<InterviewQuestion> out;
  const TemplateVars none;
  auto add = [&](std::string_view kind, const TemplateVars& item, std::string_view salt) {
    if (out.size() >= kQuestionCount) return;
    std::string question =
        book.Render("question." + std::string(kind), base, HashCombine(facts.seed, salt), &item);
    if (question.empty()) return;
    for (const auto& existing : out) {
      if (existing.question == question) return;
    }
    out.push_back({question, book.Render("seeking." + std::string(kind), base, facts.seed, &item)});
  };
  auto skill_question = [&](std::size_t i) {
    if (i >= facts.matched.size()) return;
    TemplateVars item;
    AddSkillVars(item, facts.matched[i]);
    add(facts.matched[i].via.empty() ? "depth" : "related", item, facts.matched[i].skill);
  };
  auto gap_question = [&](std::size_t i) {
    if (i >= facts.missing.size()) return;
    TemplateVars item;
    AddGapVars(item, facts.missing[i]);
    add(facts.missing[i].required ? "gap" : "gap_preferred", item, facts.missing[i].skill);
  };
  auto years_question = [&]() -> bool {
    for (const SkillFact& skill : facts.matched) {
      if (skill.min_years > 0 && skill.years > 0 && skill.years + 0.05 < skill.min_years) {
        TemplateVars item;
        AddSkillVars(item, skill);
        std::size_t before = out.size();
        add("years", item, skill.skill);
        return out.size() > before;
      }
    }
    return false;
  };

  skill_question(0);
  gap_question(0);
  if (!facts.employers.empty()) add("employer", none, facts.employers.front());
  skill_question(1);
  if (!years_question()) gap_question(1);
  for (std::size_t i = 2; i < std::max(facts.matched.size(), facts.missing.size()); ++i) {
    skill_question(i);
    gap_question(i);
  }
  if (facts.employers.size() > 1) {
    // The earlier employer; its title is not known here, so the title is masked.
    TemplateVars item{{"recent_employer", facts.employers[1]}, {"recent_title", ""}};
    add("employer", item, facts.employers[1]);
  }
  if (!facts.certifications.empty()) add("certification", none, facts.certifications.front());
  add("problem", none, "problem");
  add("motivation", none, "motivation");
  for (int i = 1; out.size() < kQuestionCount && i <= 9; ++i) {
    add("generic" + std::to_string(i), none, "generic");
  }
  return out;
}

}  // namespace

CandidateWriteup WriteCandidate(const engine::Engine& engine, const engine::JobRequirements& job,
                                const engine::ResumeProfile& resume,
                                const engine::Evaluation& eval) {
  const TemplateBook& book = EmbeddedBook("writeup");
  CandidateFacts facts = GatherFacts(&engine, job, resume, eval);
  TemplateVars vars = BaseVars(facts);
  vars["band"] = book.Render("band." + std::string(BandName(facts.score)), vars, facts.seed);

  CandidateWriteup writeup;
  writeup.summary = Summary(book, facts, vars);
  writeup.strengths = Strengths(book, facts, vars);
  writeup.weaknesses = Weaknesses(book, facts, vars);
  writeup.interview_questions = Questions(facts, vars);
  writeup.icebreaker = book.Render("icebreaker", vars, facts.seed);
  std::vector<std::string> outreach = {
      book.Render("outreach.greeting", vars, facts.seed),
      book.Render({"outreach.body", "outreach.body_employer", "outreach.body_generic"}, vars,
                  facts.seed),
      book.Render("outreach.close", vars, facts.seed),
  };
  for (const std::string& paragraph : outreach) {
    if (paragraph.empty()) continue;
    if (!writeup.linkedin_outreach_draft.empty()) writeup.linkedin_outreach_draft += "\n\n";
    writeup.linkedin_outreach_draft += paragraph;
  }
  return writeup;
}

std::vector<std::string> ScreeningQuestions(const engine::Engine& engine,
                                            const engine::JobRequirements& job,
                                            const engine::ResumeProfile& resume,
                                            const engine::Evaluation& eval,
                                            std::size_t max_questions) {
  CandidateFacts facts = GatherFacts(&engine, job, resume, eval);
  std::vector<std::string> out;
  for (const InterviewQuestion& q : Questions(facts, BaseVars(facts))) {
    if (out.size() >= max_questions) break;
    out.push_back(q.question);
  }
  return out;
}

}  // namespace shortlist::generate

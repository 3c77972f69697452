// Does an account's outcome model learn what its recruiter prefers? Simulated recruiters with a
// hidden preference report N outcomes on public category resumes, then a disjoint pool is ranked
// with and without the model they taught; we print the mean percentile of the preferred
// candidates in both rankings. Runs the server's own code path (engine, TraitsOf,
// CandidateFeatures, OutcomeModel) without the HTTP server and store.
//
//   outcomes_bench TEXT_DIR   (TEXT_DIR/<CATEGORY>/<id>.txt, see run.py)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "jobs/analysis.h"
#include "jobs/outcome_features.h"
#include "jobs/outcome_model.h"

namespace {

using namespace shortlist;
namespace fs = std::filesystem;

struct Candidate {
  std::string category;
  double score = 0;  // raw score against the scenario's posting
  jobs::SparseFeatures features;
  std::vector<std::string> families;
};

// A posting that both categories of a pair fit about equally.
struct Scenario {
  std::string name;
  std::string title;
  std::string description;
  std::string hired;     // category hired ("" for a skill-family recruiter)
  std::string rejected;  // category rejected
  std::vector<std::string> pool_categories;
  std::string family;  // skill-family recruiters: hire exactly those with this family
};

std::vector<Scenario> Scenarios() {
  return {
      {"banking>sales",
       "Client Relationship Associate",
       "Client-facing role in financial services. Build customer relationships, meet sales "
       "targets, advise clients on accounts and products, handle customer service, cash handling "
       "and cross-selling. Communication and negotiation skills required.",
       "BANKING",
       "SALES",
       {"BANKING", "SALES"},
       ""},
      {"finance>accountant",
       "Financial Analyst",
       "Prepare financial statements, budgets, forecasts and variance analysis. Excel, "
       "reconciliation, accounts payable and receivable, financial reporting and audit support.",
       "FINANCE",
       "ACCOUNTANT",
       {"FINANCE", "ACCOUNTANT"},
       ""},
      {"hr>public-relations",
       "Communications and People Coordinator",
       "Coordinate employee communications, recruiting events, onboarding and media relations. "
       "Strong writing, event planning, stakeholder management and Microsoft Office.",
       "HR",
       "PUBLIC-RELATIONS",
       {"HR", "PUBLIC-RELATIONS"},
       ""},
      {"designer>digital-media",
       "Creative Designer",
       "Design visual content for print and web: Adobe Photoshop, Illustrator, InDesign, video, "
       "social media campaigns, branding and marketing materials.",
       "DESIGNER",
       "DIGITAL-MEDIA",
       {"DESIGNER", "DIGITAL-MEDIA"},
       ""},
      {"it>engineering",
       "Technical Project Engineer",
       "Support technical projects: systems, troubleshooting, documentation, project management, "
       "AutoCAD or networking, Microsoft Office, vendor coordination.",
       "INFORMATION-TECHNOLOGY",
       "ENGINEERING",
       {"INFORMATION-TECHNOLOGY", "ENGINEERING"},
       ""},
  };
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::map<std::string, std::vector<std::string>> LoadTexts(const fs::path& dir,
                                                          const std::vector<std::string>& cats) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& c : cats) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir / c)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::string t = ReadFile(f);
      if (t.size() > 200) out[c].push_back(std::move(t));
    }
  }
  return out;
}

std::vector<Candidate> Screen(const engine::Engine& engine, const engine::JobRequirements& job,
                              const std::string& category, const std::vector<std::string>& texts) {
  std::vector<Candidate> out;
  for (const auto& t : texts) {
    engine::ResumeProfile p = engine.AnalyzeResume(t);
    engine::Evaluation e = engine.Evaluate(job, p, {});
    jobs::CandidateTraits traits = jobs::TraitsOf(engine, p);
    out.push_back(
        {category, e.raw_score, jobs::CandidateFeatures(p, e, traits), traits.skill_families});
  }
  return out;
}

// Mean percentile (100 = top) of the preferred candidates when the pool is ranked by score (+
// the model's points, clamped to 0-100 as the server does).
double MeanPercentile(const std::vector<const Candidate*>& pool, const std::vector<bool>& preferred,
                      const jobs::OutcomeModel* model, bool oracle = false) {
  std::vector<std::pair<double, std::size_t>> ranked;
  for (std::size_t i = 0; i < pool.size(); ++i) {
    double s = pool[i]->score + (model ? model->Points(pool[i]->features) : 0);
    // The best any +-10-point contribution could do: +10 to every preferred candidate, -10 to
    // every other.
    if (oracle)
      s += preferred[i] ? jobs::OutcomeModel::kMaxPoints : -jobs::OutcomeModel::kMaxPoints;
    ranked.emplace_back(std::clamp(s, 0.0, 100.0), i);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  double sum = 0;
  int n = 0;
  for (std::size_t r = 0; r < ranked.size(); ++r) {
    if (!preferred[ranked[r].second]) continue;
    sum += 100.0 * static_cast<double>(ranked.size() - 1 - r) / (ranked.size() - 1);
    ++n;
  }
  return n ? sum / n : 0;
}

struct Tally {
  double without = 0, with = 0, ceiling = 0;
  int runs = 0;
};

bool HasFamily(const Candidate& c, const std::string& f) {
  return std::find(c.families.begin(), c.families.end(), f) != c.families.end();
}

constexpr int kNs[] = {6, 20, 50};
constexpr int kRepeats = 20;
constexpr std::size_t kPoolPerCategory = 20;

// One scenario's screened candidates: both categories against its posting.
struct Screened {
  const Scenario* scenario = nullptr;
  jobs::SparseFeatures posting;
  std::vector<Candidate> hired, rejected;
};

struct Results {
  std::map<std::string, std::map<int, Tally>> tallies;  // kind -> N -> tally
  double train_ms = 0;
  int trainings = 0;
};

void Score(const std::vector<const Candidate*>& pool, const std::vector<bool>& preferred,
           const std::optional<jobs::OutcomeModel>& model, Tally* t) {
  t->without += MeanPercentile(pool, preferred, nullptr);
  t->with += MeanPercentile(pool, preferred, model ? &*model : nullptr);
  t->ceiling += MeanPercentile(pool, preferred, nullptr, true);
  ++t->runs;
}

// The skill family the hired category has most often that the rejected one lacks most often.
std::string PreferredFamily(const Screened& s) {
  std::map<std::string, int> diff;
  for (const auto& c : s.hired) {
    for (const auto& f : c.families) ++diff[f];
  }
  for (const auto& c : s.rejected) {
    for (const auto& f : c.families) --diff[f];
  }
  std::string family;
  int best = 0;
  for (const auto& [f, d] : diff) {
    if (d > best) best = d, family = f;
  }
  return family;
}

// One recruiter of each kind reporting n outcomes, then ranking a disjoint pool.
void RunOnce(const Screened& s, int n, int rep, Results* r) {
  std::mt19937 rng(static_cast<unsigned>(1000 * n + rep));
  std::vector<const Candidate*> sa, sb;
  for (const auto& c : s.hired) sa.push_back(&c);
  for (const auto& c : s.rejected) sb.push_back(&c);
  std::shuffle(sa.begin(), sa.end(), rng);
  std::shuffle(sb.begin(), sb.end(), rng);
  // The pool: the first kPoolPerCategory of each; outcomes from the rest (disjoint).
  std::vector<const Candidate*> pool(sa.begin(), sa.begin() + kPoolPerCategory);
  pool.insert(pool.end(), sb.begin(), sb.begin() + kPoolPerCategory);
  std::vector<bool> preferred(pool.size());
  for (std::size_t i = 0; i < pool.size(); ++i) preferred[i] = i < kPoolPerCategory;
  std::vector<const Candidate*> rest(sa.begin() + kPoolPerCategory, sa.end());
  rest.insert(rest.end(), sb.begin() + kPoolPerCategory, sb.end());
  std::shuffle(rest.begin(), rest.end(), rng);
  if (rest.size() > static_cast<std::size_t>(n)) rest.resize(n);
  for (const std::string kind : {"category", "random"}) {
    std::vector<jobs::OutcomeExample> ex;
    std::bernoulli_distribution coin(0.5);
    for (const Candidate* c : rest) {
      const bool hired = kind == "random" ? coin(rng) : c->category == s.scenario->hired;
      ex.push_back({c->features, s.posting, hired});
    }
    auto t0 = std::chrono::steady_clock::now();
    auto model = jobs::OutcomeModel::Train(ex, &s.posting);
    r->train_ms +=
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    ++r->trainings;
    Score(pool, preferred, model, &r->tallies[kind][n]);
  }
  const std::string family = PreferredFamily(s);
  if (family.empty()) return;
  std::vector<jobs::OutcomeExample> ex;
  for (const Candidate* c : rest) ex.push_back({c->features, s.posting, HasFamily(*c, family)});
  std::vector<bool> has(pool.size());
  for (std::size_t i = 0; i < pool.size(); ++i) has[i] = HasFamily(*pool[i], family);
  Score(pool, has, jobs::OutcomeModel::Train(ex, &s.posting), &r->tallies["skill-family"][n]);
}

void PrintCurve(const Results& r) {
  std::printf("%-14s %4s %6s %10s %10s %8s %14s\n", "recruiter", "N", "runs", "without", "with",
              "shift", "ceiling(+-10)");
  for (const char* kind : {"category", "skill-family", "random"}) {
    for (int n : kNs) {
      auto k = r.tallies.find(kind);
      if (k == r.tallies.end() || !k->second.count(n)) continue;
      const Tally& t = k->second.at(n);
      std::printf("%-14s %4d %6d %10.1f %10.1f %+8.1f %+14.1f\n", kind, n, t.runs,
                  t.without / t.runs, t.with / t.runs, (t.with - t.without) / t.runs,
                  (t.ceiling - t.without) / t.runs);
    }
  }
  std::printf("training: %.3f ms mean over %d models\n", r.train_ms / r.trainings, r.trainings);
}

// Every outcome a scenario's category recruiter could report on its posting.
std::vector<jobs::OutcomeExample> History(const Screened& s) {
  std::vector<jobs::OutcomeExample> out;
  for (const auto& c : s.hired) out.push_back({c.features, s.posting, true});
  for (const auto& c : s.rejected) out.push_back({c.features, s.posting, false});
  return out;
}

// Per posting family: all of scenario i's outcomes applied to scenario j's posting (i != j):
// how often a model applies at all, and how many points it moves there.
void PrintCrossFamily(const std::vector<Screened>& all) {
  int applied = 0, pairs = 0, scored = 0;
  double moved = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (std::size_t j = 0; j < all.size(); ++j) {
      if (i == j) continue;
      ++pairs;
      auto model = jobs::OutcomeModel::Train(History(all[i]), &all[j].posting);
      if (!model) continue;
      ++applied;
      for (const auto* side : {&all[j].hired, &all[j].rejected}) {
        for (const auto& c : *side) moved += std::abs(model->Points(c.features)), ++scored;
      }
    }
  }
  std::printf("other posting families: %d of %d cross-posting models apply; mean |points| %.2f\n",
              applied, pairs, scored ? moved / scored : 0.0);
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (std::size_t j = i + 1; j < all.size(); ++j) {
      std::printf("  posting similarity %s / %s: %.2f\n", all[i].scenario->name.c_str(),
                  all[j].scenario->name.c_str(), jobs::Similarity(all[i].posting, all[j].posting));
    }
  }
}

// Training time for thousands of outcomes: every history together, repeated to 5,000.
void PrintTrainingTime(const std::vector<Screened>& all) {
  std::vector<jobs::OutcomeExample> many;
  while (many.size() < 5000) {
    for (const auto& s : all) {
      auto h = History(s);
      many.insert(many.end(), h.begin(), h.end());
    }
  }
  many.resize(5000);
  auto t0 = std::chrono::steady_clock::now();
  auto big = jobs::OutcomeModel::Train(many, &all[0].posting);
  std::printf(
      "training on %zu outcomes: %.1f ms (%s)\n", many.size(),
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count(),
      big ? "trained" : "no model");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: outcomes_bench TEXT_DIR\n");
    return 2;
  }
  auto engine = engine::Engine::Create();
  static const std::vector<Scenario> scenarios = Scenarios();
  std::vector<std::string> all_cats;
  for (const auto& s : scenarios) {
    all_cats.insert(all_cats.end(), s.pool_categories.begin(), s.pool_categories.end());
  }
  auto texts = LoadTexts(argv[1], all_cats);
  std::vector<Screened> all;
  Results results;
  for (const auto& sc : scenarios) {
    engine::JobRequirements job = engine->AnalyzeJob(sc.title, sc.description);
    Screened s{&sc, jobs::PostingFeatures(*engine, job),
               Screen(*engine, job, sc.hired, texts[sc.hired]),
               Screen(*engine, job, sc.rejected, texts[sc.rejected])};
    for (int n : kNs) {
      for (int rep = 0; rep < kRepeats; ++rep) RunOnce(s, n, rep, &results);
    }
    all.push_back(std::move(s));
  }
  PrintCurve(results);
  PrintCrossFamily(all);
  // The same family worded differently must still count as similar.
  const auto reworded = jobs::PostingFeatures(
      *engine, engine->AnalyzeJob("Personal Banker",
                                  "Open deposit accounts, process loans, cash handling and "
                                  "customer service in a retail bank branch."));
  std::printf("  posting similarity %s / a reworded personal banker posting: %.2f\n",
              all[0].scenario->name.c_str(), jobs::Similarity(all[0].posting, reworded));
  PrintTrainingTime(all);
  return 0;
}

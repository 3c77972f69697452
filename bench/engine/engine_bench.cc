// Engine benchmark driver. bench/engine/run_benchmarks.py runs it and computes the metrics; it can
// also be run by hand:
//
//   engine_bench rank <resume_text_dir> <jobs_dir> <rankings_out.tsv> [throughput_job]
//       Ranks every resume (<dir>/<CATEGORY>/<id>.txt) for every job (<jobs_dir>/<CATEGORY>.txt)
//       with the engine and with a BM25 baseline (Okapi, k1 = 1.2, b = 0.75, IDF from the resume
//       corpus), writes "system<TAB>category<TAB>CAT/id,CAT/id,..." lines, then times
//       AnalyzeResume + Evaluate of all resumes against one job on this one thread and prints
//       "throughput engine|engine_wall|bm25 <resumes/s>" (median of 5 passes; per second of this
//       thread's CPU time, and engine_wall per second of wall-clock time); throughput_job "none"
//       skips the timing.
//   engine_bench parse <resume_text_dir>
//       Prints one JSON object per <i>.txt resume with what AnalyzeResume found.
//   engine_bench speed <resume_text_dir> <job.txt> [passes]
//       Only the throughput measurement (for profiling).
//   engine_bench jd <sentences.txt>
//       For each line, prints the byte spans of the skills the job analyzer's matcher finds.
//   engine_bench job <job.txt> [title]
//       Prints, as one JSON object, what AnalyzeJob makes of a job description: title,
//       seniority, years, degree, each skill with its importance, years and alternative group,
//       and the knockouts (to read how a posting is understood).
//   engine_bench features <resume_text_dir> <jobs_dir> <out.tsv>
//       For every job and resume, the value of each feature of the score and the penalty points
//       ("category<TAB>CAT/id<TAB>name=value ..."), for choosing weights on half the categories
//       and checking them on the other half (tune_weights.py).
//   engine_bench jobs <dir>
//       The same for every <name>.txt of a directory, one JSON object per line with its "id"
//       (the job-understanding benchmark).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/engine.h"
#include "engine/engine_data.h"
#include "engine/resume_analyzer.h"
#include "engine/text.h"

namespace fs = std::filesystem;
using namespace shortlist::engine;

namespace {

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Doc {
  std::string id;  // CATEGORY/id
  std::string text;
};

std::vector<Doc> LoadCorpus(const fs::path& dir) {
  std::vector<Doc> docs;
  for (const auto& cat : fs::directory_iterator(dir)) {
    if (!cat.is_directory()) continue;
    for (const auto& f : fs::directory_iterator(cat.path())) {
      if (f.path().extension() != ".txt") continue;
      std::string text = ReadFile(f.path());
      if (text.empty()) continue;
      docs.push_back({cat.path().filename().string() + "/" + f.path().stem().string(), text});
    }
  }
  std::sort(docs.begin(), docs.end(), [](const Doc& a, const Doc& b) { return a.id < b.id; });
  return docs;
}

// Okapi BM25 over the corpus with the engine's tokenizer.
class Bm25 {
 public:
  explicit Bm25(const std::vector<Doc>& docs) {
    tf_.resize(docs.size());
    double total = 0;
    for (size_t i = 0; i < docs.size(); ++i) {
      ForEachToken(docs[i].text, [&](std::string_view t) { ++tf_[i][std::string(t)]; });
      double len = 0;
      for (const auto& [t, n] : tf_[i]) {
        len += n;
        ++df_[t];
      }
      lengths_.push_back(len);
      total += len;
    }
    avg_len_ = docs.empty() ? 1 : total / docs.size();
  }
  std::vector<double> Score(const std::string& query) const {
    std::unordered_map<std::string, int> q;
    ForEachToken(query, [&](std::string_view t) { ++q[std::string(t)]; });
    std::vector<double> scores(tf_.size(), 0);
    const double n = static_cast<double>(tf_.size());
    for (const auto& [term, qtf] : q) {
      auto d = df_.find(term);
      if (d == df_.end()) continue;
      double idf = std::log(1 + (n - d->second + 0.5) / (d->second + 0.5));
      for (size_t i = 0; i < tf_.size(); ++i) {
        auto it = tf_[i].find(term);
        if (it == tf_[i].end()) continue;
        double f = it->second;
        scores[i] += qtf * idf * f * (kK1 + 1) / (f + kK1 * (1 - kB + kB * lengths_[i] / avg_len_));
      }
    }
    return scores;
  }

 private:
  static constexpr double kK1 = 1.2;
  static constexpr double kB = 0.75;
  std::vector<std::unordered_map<std::string, int>> tf_;
  std::unordered_map<std::string, int> df_;
  std::vector<double> lengths_;
  double avg_len_ = 1;
};

void WriteRanking(std::ofstream& out, const std::string& system, const std::string& category,
                  const std::vector<Doc>& docs, const std::vector<double>& scores) {
  std::vector<size_t> order(docs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  out << system << '\t' << category << '\t';
  for (size_t k = 0; k < order.size(); ++k) out << (k ? "," : "") << docs[order[k]].id;
  out << '\n';
}

// CPU time of this thread: the denominator of "per core" rates. On a shared machine the wall
// clock also counts the time other processes held the core.
double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int Rank(const fs::path& resume_dir, const fs::path& jobs_dir, const fs::path& out_path,
         const std::string& throughput_job) {
  std::unique_ptr<Engine> engine = Engine::Create();
  std::vector<Doc> docs = LoadCorpus(resume_dir);
  std::fprintf(stderr, "%zu resumes\n", docs.size());
  std::vector<ResumeProfile> profiles;
  profiles.reserve(docs.size());
  for (const Doc& d : docs) profiles.push_back(engine->AnalyzeResume(d.text));
  Bm25 bm25(docs);
  std::ofstream out(out_path);
  std::map<std::string, std::string> jobs;
  for (const auto& f : fs::directory_iterator(jobs_dir)) {
    if (f.path().extension() == ".txt") jobs[f.path().stem().string()] = ReadFile(f.path());
  }
  for (const auto& [category, text] : jobs) {
    JobRequirements job = engine->AnalyzeJob("", text);
    std::vector<double> scores;
    scores.reserve(profiles.size());
    for (const ResumeProfile& p : profiles) {
      // The unrounded score: fewer ties than the integer.
      scores.push_back(engine->Evaluate(job, p, ScoringOptions{}).raw_score);
    }
    WriteRanking(out, "engine", category, docs, scores);
    WriteRanking(out, "bm25", category, docs, bm25.Score(text));
  }
  if (throughput_job == "none") return 0;
  // Throughput: one job over all resumes, text in, evaluation out, this thread only.
  const std::string& job_text =
      jobs.count(throughput_job) ? jobs[throughput_job] : jobs.begin()->second;
  JobRequirements job = engine->AnalyzeJob("", job_text);
  std::vector<double> engine_rates;
  std::vector<double> engine_wall_rates;
  std::vector<double> bm25_rates;
  long checksum = 0;
  for (int pass = 0; pass < 5; ++pass) {
    auto t0 = std::chrono::steady_clock::now();
    double c0 = ThreadCpuSeconds();
    for (const Doc& d : docs) {
      ResumeProfile p = engine->AnalyzeResume(d.text);
      checksum += engine->Evaluate(job, p, ScoringOptions{}).score;
    }
    double c1 = ThreadCpuSeconds();
    auto t1 = std::chrono::steady_clock::now();
    engine_rates.push_back(docs.size() / (c1 - c0));
    engine_wall_rates.push_back(docs.size() / std::chrono::duration<double>(t1 - t0).count());
    // BM25 baseline: index the corpus and score the job.
    double b0 = ThreadCpuSeconds();
    Bm25 index(docs);
    checksum += static_cast<long>(index.Score(job_text)[0]);
    double b1 = ThreadCpuSeconds();
    bm25_rates.push_back(docs.size() / (b1 - b0));
  }
  std::printf("throughput engine %.1f\n", Median(engine_rates));
  std::printf("throughput engine_wall %.1f\n", Median(engine_wall_rates));
  std::printf("throughput bm25 %.1f\n", Median(bm25_rates));
  std::fprintf(stderr, "checksum %ld\n", checksum);
  return 0;
}

int Features(const fs::path& resume_dir, const fs::path& jobs_dir, const fs::path& out_path) {
  std::unique_ptr<Engine> engine = Engine::Create();
  std::vector<Doc> docs = LoadCorpus(resume_dir);
  std::vector<ResumeProfile> profiles;
  profiles.reserve(docs.size());
  for (const Doc& d : docs) profiles.push_back(engine->AnalyzeResume(d.text));
  std::ofstream out(out_path);
  std::map<std::string, std::string> jobs;
  for (const auto& f : fs::directory_iterator(jobs_dir)) {
    if (f.path().extension() == ".txt") jobs[f.path().stem().string()] = ReadFile(f.path());
  }
  for (const auto& [category, text] : jobs) {
    JobRequirements job = engine->AnalyzeJob("", text);
    for (size_t i = 0; i < profiles.size(); ++i) {
      Evaluation ev = engine->Evaluate(job, profiles[i], ScoringOptions{});
      out << category << '\t' << docs[i].id << '\t';
      double penalty = 0;
      for (const FeatureContribution& c : ev.breakdown) {
        if (c.weight < 0) {
          penalty += c.points;
        } else {
          out << c.name << '=' << c.value << ' ';
        }
      }
      out << "penalty=" << penalty << '\n';
    }
  }
  return 0;
}

// Throughput only (for profiling): one job over all resumes, `passes` times.
int Speed(const fs::path& resume_dir, const fs::path& job_path, int passes) {
  std::unique_ptr<Engine> engine = Engine::Create();
  std::vector<Doc> docs = LoadCorpus(resume_dir);
  JobRequirements job = engine->AnalyzeJob("", ReadFile(job_path));
  long checksum = 0;
  std::vector<double> rates;
  std::vector<double> wall_rates;
  for (int pass = 0; pass < passes; ++pass) {
    auto t0 = std::chrono::steady_clock::now();
    double c0 = ThreadCpuSeconds();
    for (const Doc& d : docs) {
      ResumeProfile p = engine->AnalyzeResume(d.text);
      checksum += engine->Evaluate(job, p, ScoringOptions{}).score;
    }
    double c1 = ThreadCpuSeconds();
    auto t1 = std::chrono::steady_clock::now();
    rates.push_back(docs.size() / (c1 - c0));
    wall_rates.push_back(docs.size() / std::chrono::duration<double>(t1 - t0).count());
  }
  std::printf("throughput engine %.1f per CPU-second, %.1f by the wall clock (checksum %ld)\n",
              Median(rates), Median(wall_rates), checksum);
  return 0;
}

int Parse(const fs::path& dir) {
  std::unique_ptr<Engine> engine = Engine::Create();
  EngineData data;  // the same compiled-in data, for the skill mentions' positions
  std::vector<fs::path> files;
  for (const auto& f : fs::directory_iterator(dir)) {
    if (f.path().extension() == ".txt") files.push_back(f.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    ResumeProfile p = engine->AnalyzeResume(ReadFile(f));
    nlohmann::json j;
    j["id"] = f.stem().string();
    j["name"] = p.contact.name;
    j["location"] = p.contact.location;
    j["headline"] = p.headline;
    j["titles"] = nlohmann::json::array();
    j["employers"] = nlohmann::json::array();
    j["dates"] = nlohmann::json::array();
    for (const ExperienceEntry& e : p.experience) {
      if (!e.title.empty()) j["titles"].push_back(e.title);
      if (!e.employer.empty()) j["employers"].push_back(e.employer);
      // "2019-3..now", "2016-0..2018-0" (month 0: unknown), for reading date parsing.
      j["dates"].push_back(
          std::to_string(e.start_year) + "-" + std::to_string(e.start_month) + ".." +
          (e.current ? std::string("now")
                     : std::to_string(e.end_year) + "-" + std::to_string(e.end_month)));
    }
    j["degrees"] = nlohmann::json::array();
    j["colleges"] = nlohmann::json::array();
    j["years"] = nlohmann::json::array();
    for (const EducationEntry& e : p.education) {
      if (!e.degree.empty()) j["degrees"].push_back(e.degree);
      if (!e.institution.empty()) j["colleges"].push_back(e.institution);
      if (e.year) j["years"].push_back(e.year);
    }
    j["skills"] = nlohmann::json::array();
    for (const SkillMention& s : p.skills) j["skills"].push_back(s.skill);
    // Where each skill is mentioned: the claimed skills of the blind text, which is exactly what
    // AnalyzeResume's skills are made of; with the normalised text to place them.
    j["skill_spans"] = nlohmann::json::array();
    std::vector<SkillMatch> matches;
    FindClaimedSkills(data, SplitLines(p.blind_text), p.blind_text, &matches);
    for (const SkillMatch& m : matches) {
      j["skill_spans"].push_back({m.begin, m.end, data.taxonomy.skill(m.skill).name});
    }
    j["text"] = p.text;
    std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  return 0;
}

int Jd(const fs::path& sentences) {
  EngineData data;
  std::ifstream in(sentences);
  std::string line;
  std::vector<SkillMatch> matches;
  while (std::getline(in, line)) {
    matches.clear();
    data.matcher.Find(line, &matches);
    nlohmann::json spans = nlohmann::json::array();
    for (const SkillMatch& m : matches) {
      spans.push_back({m.begin, m.end, data.taxonomy.skill(m.skill).name});
    }
    std::cout << spans.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  return 0;
}

nlohmann::json JobJson(const JobRequirements& job) {
  nlohmann::json j;
  j["title"] = job.title;
  j["seniority"] = job.seniority;
  j["min_years_experience"] = job.min_years_experience;
  j["min_degree"] = std::string(ToString(job.min_degree));
  j["degree_required"] = job.degree_required;
  j["degree_field"] = job.degree_field;
  j["skills"] = nlohmann::json::array();
  for (const SkillRequirement& r : job.skills) {
    j["skills"].push_back(
        {{"skill", r.skill},
         {"importance", r.importance == Importance::kRequired ? "required" : "preferred"},
         {"min_years", r.min_years},
         {"alternative_group", r.alternative_group},
         {"evidence", r.evidence}});
  }
  j["knockouts"] = nlohmann::json::array();
  for (const Knockout& k : job.knockouts) j["knockouts"].push_back(k.description);
  return j;
}

int Job(const fs::path& path, const std::string& title) {
  if (!fs::is_regular_file(path)) {
    std::fprintf(stderr, "engine_bench job: %s: no such file\n", path.string().c_str());
    return 2;
  }
  std::unique_ptr<Engine> engine = Engine::Create();
  nlohmann::json j = JobJson(engine->AnalyzeJob(title, ReadFile(path)));
  std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  return 0;
}

int Jobs(const fs::path& dir) {
  std::unique_ptr<Engine> engine = Engine::Create();
  std::vector<fs::path> files;
  for (const auto& f : fs::directory_iterator(dir)) {
    if (f.path().extension() == ".txt") files.push_back(f.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    nlohmann::json j = JobJson(engine->AnalyzeJob("", ReadFile(f)));
    j["id"] = f.stem().string();
    std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "rank" && argc >= 5) return Rank(argv[2], argv[3], argv[4], argc > 5 ? argv[5] : "");
  if (cmd == "parse" && argc >= 3) return Parse(argv[2]);
  if (cmd == "speed" && argc >= 4)
    return Speed(argv[2], argv[3], argc > 4 ? std::atoi(argv[4]) : 3);
  if (cmd == "jd" && argc >= 3) return Jd(argv[2]);
  if (cmd == "job" && argc >= 3) return Job(argv[2], argc > 3 ? argv[3] : "");
  if (cmd == "jobs" && argc >= 3) return Jobs(argv[2]);
  if (cmd == "features" && argc >= 5) return Features(argv[2], argv[3], argv[4]);
  std::fprintf(stderr,
               "usage: engine_bench rank|parse|speed|jd|job|jobs|features ... (see the comment at "
               "the top)\n");
  return 2;
}

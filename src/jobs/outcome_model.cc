#include "jobs/outcome_model.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "jobs/analysis.h"

namespace shortlist::jobs {
namespace {

constexpr int kSteps = 500;
constexpr double kLearningRate = 0.5;
constexpr double kL2 = 0.01;  // keeps weights finite when the classes separate perfectly

double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

}  // namespace

std::optional<OutcomeModel> OutcomeModel::Train(const std::vector<model::OutcomeRecord>& outcomes) {
  std::vector<engine::Evaluation> evaluations;
  std::vector<double> labels;
  std::set<std::string> names;
  for (const auto& o : outcomes) {
    if (o.outcome != "hired" && o.outcome != "rejected") continue;
    std::optional<CandidateAnalysis> a = ParseAnalysis(o.analysis_json);
    // An unreadable resume has nothing to learn from.
    if (!a || a->evaluation.breakdown.empty()) continue;
    engine::Evaluation& e = a->evaluation;
    for (const auto& f : e.breakdown) {
      if (f.name != "account_model") names.insert(f.name);
    }
    evaluations.push_back(std::move(e));
    labels.push_back(o.outcome == "hired" ? 1.0 : 0.0);
  }
  const auto hires = std::count(labels.begin(), labels.end(), 1.0);
  if (static_cast<int>(labels.size()) < kMinOutcomes || hires == 0 ||
      hires == static_cast<long>(labels.size())) {
    return std::nullopt;
  }
  OutcomeModel model;
  model.names_.assign(names.begin(), names.end());
  model.weights_.assign(model.names_.size(), 0.0);
  model.trained_on_ = static_cast<int>(labels.size());
  std::vector<std::vector<double>> x;
  for (const auto& e : evaluations) x.push_back(model.Features(e));
  const double n = static_cast<double>(x.size());
  for (int step = 0; step < kSteps; ++step) {
    std::vector<double> grad(model.weights_.size(), 0.0);
    double grad_bias = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      double z = model.bias_;
      for (std::size_t k = 0; k < x[i].size(); ++k) z += model.weights_[k] * x[i][k];
      double err = Sigmoid(z) - labels[i];
      for (std::size_t k = 0; k < x[i].size(); ++k) grad[k] += err * x[i][k];
      grad_bias += err;
    }
    for (std::size_t k = 0; k < grad.size(); ++k) {
      model.weights_[k] -= kLearningRate * (grad[k] / n + kL2 * model.weights_[k]);
    }
    model.bias_ -= kLearningRate * grad_bias / n;
  }
  return model;
}

std::vector<double> OutcomeModel::Features(const engine::Evaluation& evaluation) const {
  std::vector<double> out(names_.size(), 0.0);
  for (const auto& f : evaluation.breakdown) {
    auto it = std::lower_bound(names_.begin(), names_.end(), f.name);
    if (it != names_.end() && *it == f.name) {
      out[static_cast<std::size_t>(it - names_.begin())] = std::clamp(f.value, 0.0, 1.0);
    }
  }
  return out;
}

double OutcomeModel::Predict(const engine::Evaluation& evaluation) const {
  std::vector<double> x = Features(evaluation);
  double z = bias_;
  for (std::size_t k = 0; k < x.size(); ++k) z += weights_[k] * x[k];
  return Sigmoid(z);
}

void OutcomeModel::Apply(int leniency_level, engine::Evaluation* evaluation) const {
  const double p = Predict(*evaluation);
  const double points = (p - 0.5) * kMaxPoints;
  double total = 0;
  for (const auto& f : evaluation->breakdown) total += f.points;
  total += points;
  engine::FeatureContribution c;
  c.name = "account_model";
  c.value = p;
  c.weight = kMaxPoints;
  c.points = points;
  c.explanation = "Learned from this account's " + std::to_string(trained_on_) +
                  " reported outcomes: candidates evaluated like this one were hired with an "
                  "estimated probability of " +
                  std::to_string(static_cast<int>(std::lround(p * 100))) + "%.";
  evaluation->breakdown.push_back(std::move(c));
  evaluation->raw_score = std::clamp(total, 0.0, 100.0);
  evaluation->score = static_cast<int>(std::lround(evaluation->raw_score));
  evaluation->qualified = evaluation->score >= engine::QualifyingThreshold(leniency_level);
}

}  // namespace shortlist::jobs

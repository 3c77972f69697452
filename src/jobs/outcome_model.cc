#include "jobs/outcome_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <utility>

namespace shortlist::jobs {
namespace {

constexpr int kSteps = 300;
// The L2 penalty in units of one outcome: a feature's weight has to be earned by several
// consistent outcomes, and random outcomes leave every weight near 0.
constexpr double kL2 = 0.5;
// Past outcomes on postings less similar than this (weight = similarity^2) are left out.
constexpr double kMinExampleWeight = 0.05;
// While a model rests on few outcomes its points are scaled down: n / (n + kConfidenceHalf).
constexpr double kConfidenceHalf = 2;
constexpr int kExplainedFeatures = 4;
// Log-odds to points: a margin of 0.5 (hired about 62% against the average 50%) is already
// three quarters of the bound, so a consistent preference reaches it.
constexpr double kMarginScale = 2;

double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

using Row = std::vector<std::pair<std::size_t, double>>;

struct Design {
  std::vector<Row> rows;
  std::vector<double> labels;
  std::vector<double> weights;
};

std::string Join(const std::vector<LearnedFeature>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ", ";
    out += p.description;
  }
  return out;
}

std::vector<LearnedFeature> Hired(std::vector<LearnedFeature> features) {
  std::erase_if(features, [](const LearnedFeature& f) { return f.weight <= 0; });
  return features;
}

std::string Fixed1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f", v);
  return buf;
}

}  // namespace

std::optional<OutcomeModel> OutcomeModel::Train(const std::vector<OutcomeExample>& examples,
                                                const SparseFeatures* posting,
                                                double outcome_weight) {
  if (!(outcome_weight > 0)) return std::nullopt;
  OutcomeModel model;
  model.max_points_ = kMaxPoints * outcome_weight;
  std::vector<std::pair<const OutcomeExample*, double>> used;
  double hired_weight = 0;
  for (const auto& e : examples) {
    const double sim = posting ? Similarity(e.posting, *posting) : 1.0;
    const double w = sim * sim;
    if (w < kMinExampleWeight) continue;
    used.emplace_back(&e, w);
    model.effective_ += w;
    if (e.hired) {
      ++model.hired_;
      hired_weight += w;
    } else {
      ++model.rejected_;
    }
  }
  if (model.effective_ < kMinOutcomes || model.hired_ == 0 || model.rejected_ == 0) {
    return std::nullopt;
  }
  std::map<std::string, std::size_t> index;
  for (const auto& [e, w] : used) {
    for (const auto& [name, v] : e->candidate) index.emplace(name, 0);
  }
  for (auto& [name, i] : index) {
    i = model.names_.size();
    model.names_.push_back(name);
  }
  const std::size_t k = model.names_.size();
  Design d;
  double max_norm = 1;  // the bias' own input
  model.means_.assign(k, 0.0);
  for (const auto& [e, w] : used) {
    Row row;
    double norm = 1;
    for (const auto& [name, v] : e->candidate) {
      row.emplace_back(index[name], v);
      model.means_[index[name]] += w * v / model.effective_;
      norm += v * v;
    }
    max_norm = std::max(max_norm, norm);
    d.rows.push_back(std::move(row));
    d.labels.push_back(e->hired ? 1.0 : 0.0);
    d.weights.push_back(w);
  }
  // Gradient descent on the weighted mean log-loss plus (kL2 / n) |w|^2 / 2; the step is the
  // inverse of the loss' curvature bound, so it converges without tuning per data set.
  const double n = model.effective_;
  const double step = 1.0 / (0.25 * max_norm + kL2 / n);
  model.weights_.assign(k, 0.0);
  double bias = std::log(hired_weight / (n - hired_weight));
  std::vector<double> grad(k);
  for (int s = 0; s < kSteps; ++s) {
    std::fill(grad.begin(), grad.end(), 0.0);
    double grad_bias = 0;
    for (std::size_t i = 0; i < d.rows.size(); ++i) {
      double z = bias;
      for (const auto& [j, v] : d.rows[i]) z += model.weights_[j] * v;
      const double err = d.weights[i] * (Sigmoid(z) - d.labels[i]) / n;
      for (const auto& [j, v] : d.rows[i]) grad[j] += err * v;
      grad_bias += err;
    }
    for (std::size_t j = 0; j < k; ++j) {
      model.weights_[j] -= step * (grad[j] + kL2 / n * model.weights_[j]);
    }
    bias -= step * grad_bias;
  }
  return model;
}

double OutcomeModel::Margin(const SparseFeatures& candidate,
                            std::vector<LearnedFeature>* parts) const {
  // Relative to the average candidate decided on: sum_k w_k (x_k - mean_k), computed sparsely.
  double margin = 0;
  for (std::size_t j = 0; j < names_.size(); ++j) margin -= weights_[j] * means_[j];
  for (const auto& [name, v] : candidate) {
    auto it = std::lower_bound(names_.begin(), names_.end(), name);
    if (it == names_.end() || *it != name) continue;
    const auto j = static_cast<std::size_t>(it - names_.begin());
    margin += weights_[j] * v;
    if (parts != nullptr && v > means_[j]) {
      parts->push_back({name, DescribeFeature(name), weights_[j] * (v - means_[j])});
    }
  }
  return margin;
}

double OutcomeModel::Points(const SparseFeatures& candidate) const {
  const double confidence = effective_ / (effective_ + kConfidenceHalf);
  return max_points_ * confidence * std::tanh(kMarginScale * Margin(candidate, nullptr));
}

void OutcomeModel::Apply(const SparseFeatures& candidate, int leniency_level,
                         engine::Evaluation* evaluation) const {
  std::vector<LearnedFeature> parts;
  Margin(candidate, &parts);
  const double points = Points(candidate);
  // The features that moved the score its way, strongest first.
  const bool up = points >= 0;
  std::erase_if(parts, [&](const LearnedFeature& p) { return up ? p.weight <= 0 : p.weight >= 0; });
  std::stable_sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) {
    return std::abs(a.weight) > std::abs(b.weight);
  });
  if (parts.size() > kExplainedFeatures) parts.resize(kExplainedFeatures);
  std::string why;
  if (!parts.empty()) {
    why = up ? "hired candidates at this account for similar roles often had: "
             : "candidates this account rejected for similar roles often had: ";
    why += Join(parts);
  } else {
    why = up ? "this candidate resembles those hired for similar roles"
             : "this candidate lacks what hired candidates for similar roles often had: " +
                   Join(Hired(Top(kExplainedFeatures * 2)));
  }
  engine::FeatureContribution c;
  c.name = "account_model";
  c.value = 0.5 + points / (2 * max_points_);
  c.weight = max_points_;
  c.points = points;
  c.explanation = Fixed1(points) + " points from this account's outcomes (" +
                  std::to_string(hired_ + rejected_) + " for similar roles): " + why + ".";
  double total = 0;
  for (const auto& f : evaluation->breakdown) total += f.points;
  total += points;
  evaluation->breakdown.push_back(std::move(c));
  evaluation->raw_score = std::clamp(total, 0.0, 100.0);
  evaluation->score = static_cast<int>(std::lround(evaluation->raw_score));
  evaluation->qualified = evaluation->score >= engine::QualifyingThreshold(leniency_level);
}

std::vector<LearnedFeature> OutcomeModel::Top(int n) const {
  std::vector<LearnedFeature> out;
  for (std::size_t j = 0; j < names_.size(); ++j) {
    out.push_back({names_[j], DescribeFeature(names_[j]), weights_[j]});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::abs(a.weight) > std::abs(b.weight);
  });
  if (out.size() > static_cast<std::size_t>(std::max(n, 0))) out.resize(std::max(n, 0));
  return out;
}

}  // namespace shortlist::jobs

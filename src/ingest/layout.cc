#include "ingest/layout.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

namespace shortlist::ingest {
namespace {

using Indices = std::vector<int>;

struct Line {
  Indices words;  // left to right
  double y0 = 0, y1 = 0, x0 = 0, x1 = 0;
};

struct Block {
  std::vector<Line> lines;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

class Layout {
 public:
  Layout(const std::vector<PositionedWord>& words, const LayoutOptions& options)
      : w_(words), options_(options), em_(MedianHeight()) {}

  std::vector<Block> Run() {
    Indices all(w_.size());
    for (std::size_t i = 0; i < w_.size(); ++i) all[i] = static_cast<int>(i);
    std::vector<Block> blocks;
    Cut(all, 0, blocks);
    return blocks;
  }

  const PositionedWord& word(int i) const { return w_[i]; }
  double em() const { return em_; }

 private:
  double MedianHeight() const {
    std::vector<double> h;
    h.reserve(w_.size());
    for (const auto& w : w_) h.push_back(std::max(0.1, w.y1 - w.y0));
    if (h.empty()) return 10;
    std::nth_element(h.begin(), h.begin() + h.size() / 2, h.end());
    return h[h.size() / 2];
  }

  // Gaps in the projection of [lo, hi) intervals, widest first.
  template <typename Lo, typename Hi>
  std::vector<std::pair<double, double>> Gaps(const Indices& idx, Lo lo, Hi hi,
                                              double min_width) const {
    std::vector<std::pair<double, double>> spans;
    spans.reserve(idx.size());
    for (int i : idx) spans.emplace_back(lo(w_[i]), hi(w_[i]));
    std::sort(spans.begin(), spans.end());
    std::vector<std::pair<double, double>> gaps;
    double reach = spans.empty() ? 0 : spans[0].second;
    for (std::size_t k = 1; k < spans.size(); ++k) {
      if (spans[k].first - reach >= min_width) gaps.emplace_back(reach, spans[k].first);
      reach = std::max(reach, spans[k].second);
    }
    return gaps;
  }

  std::vector<Line> GroupLines(Indices idx) const {
    std::sort(idx.begin(), idx.end(), [&](int a, int b) {
      const double ca = w_[a].y0 + w_[a].y1, cb = w_[b].y0 + w_[b].y1;
      return ca != cb ? ca < cb : w_[a].x0 < w_[b].x0;
    });
    std::vector<Line> lines;
    for (int i : idx) {
      const auto& w = w_[i];
      if (!lines.empty()) {
        Line& l = lines.back();
        const double overlap = std::min(l.y1, w.y1) - std::max(l.y0, w.y0);
        const double shorter = std::max(0.1, std::min(l.y1 - l.y0, w.y1 - w.y0));
        if (overlap >= 0.5 * shorter) {
          l.words.push_back(i);
          l.y0 = std::min(l.y0, w.y0), l.y1 = std::max(l.y1, w.y1);
          l.x0 = std::min(l.x0, w.x0), l.x1 = std::max(l.x1, w.x1);
          continue;
        }
      }
      lines.push_back(Line{{i}, w.y0, w.y1, w.x0, w.x1});
    }
    for (auto& l : lines) {
      std::sort(l.words.begin(), l.words.end(), [&](int a, int b) { return w_[a].x0 < w_[b].x0; });
    }
    return lines;
  }

  // A table row or right-aligned field: most lines of the narrower side share a baseline with a
  // line across the gutter.
  bool LooksLikeRows(const Indices& left, const Indices& right) const {
    const auto l = GroupLines(left), r = GroupLines(right);
    const auto& few = l.size() <= r.size() ? l : r;
    const auto& many = l.size() <= r.size() ? r : l;
    std::size_t aligned = 0;
    for (const auto& a : few) {
      for (const auto& b : many) {
        if (std::abs(a.y1 - b.y1) <= 0.3 * em_) {
          ++aligned;
          break;
        }
      }
    }
    return static_cast<double>(aligned) >= options_.row_alignment_ratio * few.size();
  }

  struct Split {
    Indices left, right;
    double from = 0, to = 0;  // the gutter
  };

  // Vertical blank strips wide enough to be a gutter, before any test of what they separate.
  std::vector<std::pair<double, double>> Gutters(const Indices& idx) const {
    return Gaps(
        idx, [](const PositionedWord& w) { return w.x0; },
        [](const PositionedWord& w) { return w.x1; }, options_.min_gutter_em * em_);
  }

  static bool Overlap(const std::vector<std::pair<double, double>>& a,
                      const std::vector<std::pair<double, double>>& b) {
    for (const auto& x : a) {
      for (const auto& y : b) {
        if (x.first < y.second && y.first < x.second) return true;
      }
    }
    return false;
  }

  std::optional<Split> SplitAtGutter(const Indices& idx) const {
    auto gaps = Gutters(idx);
    std::sort(gaps.begin(), gaps.end(),
              [](const auto& a, const auto& b) { return a.second - a.first > b.second - b.first; });
    for (const auto& [from, to] : gaps) {
      Indices left, right;
      const double mid = (from + to) / 2;
      for (int i : idx) (w_[i].x1 <= mid ? left : right).push_back(i);
      if (left.empty() || right.empty()) continue;
      if (LooksLikeRows(left, right)) continue;
      return Split{std::move(left), std::move(right), from, to};
    }
    return std::nullopt;
  }

  void Cut(const Indices& idx, int depth, std::vector<Block>& out) const {
    if (idx.empty()) return;
    // Column analysis is superlinear; a page denser than any resume (a data table, or hostile
    // input) is read as plain lines so one page cannot eat the file's time budget.
    if (depth < 40 && idx.size() > 1 && idx.size() <= options_.max_words_for_columns) {
      if (auto split = SplitAtGutter(idx)) {
        Cut(split->left, depth + 1, out);
        Cut(split->right, depth + 1, out);
        return;
      }
      auto gaps = Gaps(
          idx, [](const PositionedWord& w) { return w.y0; },
          [](const PositionedWord& w) { return w.y1; }, options_.min_band_gap_em * em_);
      if (!gaps.empty()) {
        std::vector<Indices> bands(gaps.size() + 1);
        for (int i : idx) {
          const double c = (w_[i].y0 + w_[i].y1) / 2;
          std::size_t b = 0;
          while (b < gaps.size() && c > gaps[b].first) ++b;
          bands[b].push_back(i);
        }
        // Merge consecutive bands that each have a gutter at the same place (and together make
        // a column break): the columns continue across a blank strip that happens to line up.
        // A band without a gutter of its own (a heading, a full-width paragraph) is never
        // merged, so a two-column list above single-column text does not swallow it.
        Indices group;
        std::vector<std::pair<double, double>> group_gutters;
        for (auto& band : bands) {
          if (band.empty()) continue;
          auto band_gutters = Gutters(band);
          if (!group.empty()) {
            if (Overlap(group_gutters, band_gutters)) {
              Indices merged = group;
              merged.insert(merged.end(), band.begin(), band.end());
              if (SplitAtGutter(merged)) {
                group = std::move(merged);
                group_gutters = Gutters(group);
                continue;
              }
            }
            Cut(group, depth + 1, out);
          }
          group = std::move(band);
          group_gutters = std::move(band_gutters);
        }
        Cut(group, depth + 1, out);
        return;
      }
    }
    Block block;
    block.lines = GroupLines(idx);
    block.x0 = block.y0 = 1e18;
    block.x1 = block.y1 = -1e18;
    for (const auto& l : block.lines) {
      block.x0 = std::min(block.x0, l.x0), block.x1 = std::max(block.x1, l.x1);
      block.y0 = std::min(block.y0, l.y0), block.y1 = std::max(block.y1, l.y1);
    }
    out.push_back(std::move(block));
  }

  const std::vector<PositionedWord>& w_;
  LayoutOptions options_;
  double em_;
};

}  // namespace

std::string OrderWords(std::vector<PositionedWord> words, const LayoutOptions& options) {
  // Degenerate boxes (NaN, inverted) would break the sweeps; normalise them.
  for (auto& w : words) {
    if (!std::isfinite(w.x0) || !std::isfinite(w.x1) || !std::isfinite(w.y0) ||
        !std::isfinite(w.y1)) {
      w.x0 = w.x1 = w.y0 = w.y1 = 0;
    }
    if (w.x1 < w.x0) std::swap(w.x0, w.x1);
    if (w.y1 < w.y0) std::swap(w.y0, w.y1);
  }
  Layout layout(words, options);
  const std::vector<Block> blocks = layout.Run();
  const double em = layout.em();
  std::string out;
  const Block* previous = nullptr;
  for (const Block& b : blocks) {
    if (previous != nullptr) {
      const bool other_column = b.x0 >= previous->x1 || b.x1 <= previous->x0;
      const bool far_below = b.y0 - previous->y1 > 0.8 * em;
      out.append(other_column || far_below || b.y1 < previous->y0 ? "\n\n" : "\n");
    }
    for (std::size_t li = 0; li < b.lines.size(); ++li) {
      if (li > 0) out.push_back('\n');
      const Line& line = b.lines[li];
      const double height = std::max(0.1, line.y1 - line.y0);
      const PositionedWord* prev = nullptr;
      for (int i : line.words) {
        const PositionedWord& w = layout.word(i);
        if (prev != nullptr) {
          const double gap = w.x0 - prev->x1;
          if (gap > 2.5 * height) {
            out.push_back('\t');
          } else if (gap > 0.1 * height) {
            out.push_back(' ');
          }
        }
        out += w.text;
        prev = &w;
      }
    }
    previous = &b;
  }
  return out;
}

}  // namespace shortlist::ingest

#include "http/router.h"

#include <string_view>

namespace shortlist::http {
namespace {

// Calls `f(segment)` for each non-empty '/'-separated segment of `path`; stops when f is false.
template <typename F>
bool ForEachSegment(std::string_view path, F&& f) {
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start && !f(path.substr(start, slash - start))) return false;
    start = slash + 1;
  }
  return true;
}

}  // namespace

void Router::Add(Route route) {
  std::vector<Segment> pattern;
  ForEachSegment(route.pattern, [&](std::string_view seg) {
    const bool param = seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
    pattern.push_back({std::string(param ? seg.substr(1, seg.size() - 2) : seg), param});
    return true;
  });
  routes_.push_back(std::move(route));
  patterns_.push_back(std::move(pattern));
}

Router::Match Router::Find(const std::string& method, const std::string& path) const {
  Match match;
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    const std::vector<Segment>& pattern = patterns_[r];
    std::size_t i = 0;
    bool same = ForEachSegment(path, [&](std::string_view seg) {
      if (i >= pattern.size()) return false;
      const Segment& want = pattern[i++];
      return want.is_param || want.text == seg;
    });
    if (!same || i != pattern.size()) continue;
    if (routes_[r].method != method) {
      match.path_known = true;
      continue;
    }
    match.route = &routes_[r];
    i = 0;
    ForEachSegment(path, [&](std::string_view seg) {
      const Segment& want = pattern[i++];
      if (want.is_param) match.params[want.text] = std::string(seg);
      return true;
    });
    return match;
  }
  return match;
}

}  // namespace shortlist::http

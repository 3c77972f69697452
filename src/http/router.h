// The declarative route table: one row per endpoint (method, path pattern, handler, whether it
// needs a token, the permission it needs). Patterns use {name} segments: "/api/v1/jobs/{job_id}".
// Matching is exact per segment; a path that matches with another method answers 405.
// Patterns are split once when added; matching a request allocates only for the parameters.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"

namespace shortlist::http {

// A handler gets the request and, for authenticated routes, the caller.
using Handler = std::function<Response(const Request&, const Caller*)>;

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  bool authenticated = true;
  // What an agent key needs: "read", "screen", "email"; "user" admits user tokens only (agent
  // keys never hold it); "" admits any caller. User tokens pass every check.
  std::string permission;
  // The handler does slow work (screening inline, calling another service): it runs on the
  // dispatcher's bounded pool, never on an I/O thread (Dispatcher::DispatchAsync).
  bool slow = false;
};

class Router {
 public:
  void Add(Route route);
  const std::vector<Route>& routes() const { return routes_; }

  struct Match {
    const Route* route = nullptr;  // null: no route for this path and method
    bool path_known = false;       // true when the path exists under another method (405)
    std::map<std::string, std::string> params;
  };
  Match Find(const std::string& method, const std::string& path) const;

 private:
  // A pattern split once at Add(): literal segments and {name} parameters.
  struct Segment {
    std::string text;  // the literal, or the parameter's name
    bool is_param = false;
  };
  std::vector<Route> routes_;
  std::vector<std::vector<Segment>> patterns_;  // parallel to routes_
};

}  // namespace shortlist::http

// The client commands: talk to a running Shortlist server over its HTTP API.
//
//   shortlist evaluate --job jd.txt FILES...   synchronous /v1/evaluate; prints the ranking
//   shortlist submit --job jd.txt FILES...     creates a Jobs API job; prints its id
//                    [--title T] [--leniency N] [--wait]   (--wait: waits, prints the ranking)
//   shortlist jobs [--status S] [--limit N] [--page P]     lists jobs
//   shortlist jobs show ID | jobs cancel ID
//   shortlist results ID [--min-score N] [--top N] [--page P] [--wait]
//
// Every one takes --url (env SHORTLIST_URL, default http://127.0.0.1:8080), --token (env
// SHORTLIST_TOKEN) and --format table|json|csv (jobs: table|json).
//
// Exit codes: 0 success; 1 the server refused or could not be reached (its message is printed);
// 2 bad usage (including no token); 3 the request was made but some local files could not be
// read (they were left out and named on stderr).
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace shortlist::cli {

// Where the server is and how to authenticate, from flags or the environment.
struct ServerFlags {
  std::string url;    // default: $SHORTLIST_URL or http://127.0.0.1:8080
  std::string token;  // default: $SHORTLIST_TOKEN
};

// Adds --url and --token (with their environment defaults) to `cmd`.
void AddServerFlags(CLI::App* cmd, ServerFlags* flags);

// Registers evaluate, submit, jobs and results on `app`. The returned function runs the one
// that was parsed (returning its exit code), or returns nullopt when none was.
std::function<std::optional<int>()> AddClientCommands(CLI::App& app);

}  // namespace shortlist::cli

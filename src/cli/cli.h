// The `shortlist` command line: serve, token create/revoke/list, credits grant/balance, screen
// (offline), evaluate/submit/results/jobs (clients of a running server), mcp, version.
// Commands on a data directory take --data-dir (env SHORTLIST_DATA_DIR, default
// ./shortlist-data). Exit codes: 0 success, 1 runtime failure (e.g. database or server error),
// 2 bad usage, 3 (screen) output printed but some files could not be read.
#pragma once

namespace shortlist::cli {

int Main(int argc, char** argv);

}  // namespace shortlist::cli

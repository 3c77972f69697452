// The `shortlist` command line: serve, token create/revoke/list, version.
// Every command takes --data-dir (env SHORTLIST_DATA_DIR, default ./shortlist-data).
// Exit codes: 0 success, 1 runtime failure (e.g. database), 2 bad usage.
#pragma once

namespace shortlist::cli {

int Main(int argc, char** argv);

}  // namespace shortlist::cli

#include "cli/cli.h"

int main(int argc, char** argv) { return shortlist::cli::Main(argc, argv); }

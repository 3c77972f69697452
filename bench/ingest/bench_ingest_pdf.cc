// PDF ingestion throughput over every PDF of the public resume set, and the check that every
// one of them yields text.
//
// Run:   cmake --build build --target bench_ingest_pdf
//        build/bench/ingest/bench_ingest_pdf [dir (default ../shared/data/resume-categories)]
//                                            [--passes N (default 3)] [--threads T (default 1)]
//                                            [--limit N (first N files only)]
// Prints files/s and pages/s of ingest::Extract (reading order, hidden-text split,
// normalisation) with its default page rendering (white-on-white detection) and without it,
// in this process and through a SandboxedExtractor (worker processes, as the server reads
// files; T workers), single-threaded (and with T threads when T > 1), each the median of N
// passes, and the baseline measured in the same run: poppler-cpp's own page::text() over the
// same files (what a plain poppler integration does, without layout analysis). Then DOCX
// files/s, in-process and sandboxed, over DOCX files written from each PDF's text (one
// paragraph per line). Files are read into memory first, so disk speed is not measured. Lists
// every file that fails or yields no text; exits 1 if any.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "fixtures.h"
#include "ingest/extractor.h"
#include "ingest/ingest.h"

namespace {

using Clock = std::chrono::steady_clock;

struct File {
  std::string path;
  std::string bytes;
};

struct Pass {
  double seconds = 0;
  long pages = 0;
};

std::vector<File> LoadAll(const std::filesystem::path& dir) {
  std::vector<File> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".pdf") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    files.push_back({entry.path().string(), ss.str()});
  }
  std::sort(files.begin(), files.end(),
            [](const File& a, const File& b) { return a.path < b.path; });
  return files;
}

// Runs `one(i)` (returning the pages read) for every file on `threads` threads.
template <typename F>
Pass RunPass(std::size_t count, int threads, F one) {
  std::atomic<std::size_t> next{0};
  std::atomic<long> pages{0};
  const auto start = Clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (std::size_t i = next++; i < count; i = next++) pages += one(i);
    });
  }
  for (auto& th : pool) th.join();
  return {std::chrono::duration<double>(Clock::now() - start).count(), pages.load()};
}

using Variant = std::function<long(std::size_t)>;

// Median pass of each variant; passes run round-robin (A B C, A B C, ...) so a change in load
// on a shared machine hits every variant alike.
std::vector<Pass> MedianPasses(int passes, std::size_t count, int threads,
                               const std::vector<Variant>& variants) {
  std::vector<std::vector<Pass>> runs(variants.size());
  for (int p = 0; p < passes; ++p) {
    for (std::size_t v = 0; v < variants.size(); ++v) {
      runs[v].push_back(RunPass(count, threads, variants[v]));
    }
  }
  std::vector<Pass> medians;
  for (auto& r : runs) {
    std::sort(r.begin(), r.end(),
              [](const Pass& a, const Pass& b) { return a.seconds < b.seconds; });
    medians.push_back(r[r.size() / 2]);
  }
  return medians;
}

void Report(const char* label, const Pass& pass, std::size_t files) {
  std::printf("%-44s %8.1f files/s %9.1f pages/s  (%.2f s, %ld pages)\n", label,
              static_cast<double>(files) / pass.seconds,
              static_cast<double>(pass.pages) / pass.seconds, pass.seconds, pass.pages);
}

}  // namespace

// A DOCX holding `text`, one paragraph per line (XML-escaped).
std::string DocxOf(const std::string& text) {
  std::string body;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    body += "<w:p><w:r><w:t xml:space=\"preserve\">";
    for (char c : text.substr(start, end - start)) {
      if (c == '<') {
        body += "&lt;";
      } else if (c == '>') {
        body += "&gt;";
      } else if (c == '&') {
        body += "&amp;";
      } else {
        body += c;
      }
    }
    body += "</w:t></w:r></w:p>";
    start = end + 1;
  }
  return shortlist::ingest::testing::MakeDocx(body);
}

int main(int argc, char** argv) {
  // The sandboxed variants start this binary as their extract workers.
  if (argc > 1 && std::string_view(argv[1]) == shortlist::ingest::kExtractWorkerCommand) {
    shortlist::ingest::RunExtractWorker(argc, argv);
  }
  std::filesystem::path dir = "../shared/data/resume-categories";
  int passes = 3;
  int threads = 1;
  std::size_t limit = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--passes" && i + 1 < argc) {
      passes = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--threads" && i + 1 < argc) {
      threads = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--limit" && i + 1 < argc) {
      limit = static_cast<std::size_t>(std::max(0, std::atoi(argv[++i])));
    } else {
      dir = arg;
    }
  }
  if (!std::filesystem::is_directory(dir)) {
    std::fprintf(stderr, "no directory %s (pass the resume-categories path)\n", dir.c_str());
    return 2;
  }
  std::vector<File> files = LoadAll(dir);
  if (limit > 0 && files.size() > limit) files.resize(limit);
  std::printf("%zu PDF files under %s, %d pass(es) round-robin, median reported\n", files.size(),
              dir.c_str(), passes);
  if (files.empty()) return 2;

  shortlist::ingest::SandboxOptions sandbox_options;
  sandbox_options.processes = threads;
  auto sandbox = shortlist::ingest::SandboxedExtractor::Start(sandbox_options);
  if (!sandbox.ok()) {
    std::fprintf(stderr, "%s\n", sandbox.error().message.c_str());
    return 2;
  }
  const shortlist::ingest::Extractor& sandboxed = **sandbox;

  // Correctness pass: every file must yield text, the same in a worker process as in-process.
  std::vector<std::string> failures;
  std::size_t hidden = 0;
  std::vector<std::string> flagged;
  long pages = 0;
  shortlist::ingest::ExtractLimits limits;
  std::vector<std::string> docx;  // the text of every PDF that yields some, as a DOCX
  std::vector<std::string> differ;
  for (const File& f : files) {
    auto doc = shortlist::ingest::Extract(f.bytes, f.path, limits);
    auto in_worker = sandboxed.Extract(f.bytes, f.path, limits);
    const bool same = doc.ok()
                          ? in_worker.ok() && in_worker->text == doc->text &&
                                in_worker->hidden_text == doc->hidden_text &&
                                in_worker->flags == doc->flags && in_worker->pages == doc->pages
                          : !in_worker.ok() && in_worker.error().code == doc.error().code;
    if (!same) differ.push_back(f.path);
    if (doc.ok() && !doc->text.empty()) docx.push_back(DocxOf(doc->text));
    if (!doc.ok()) {
      failures.push_back(doc.error().code + ": " + doc.error().message);
    } else if (doc->text.size() < 20) {
      failures.push_back("too little text (" + std::to_string(doc->text.size()) +
                         " bytes): " + f.path);
    } else {
      pages += doc->pages;
      if (!doc->flags.empty()) {
        ++hidden;
        flagged.push_back(f.path + ": " + doc->hidden_text.substr(0, 80));
      }
    }
  }
  std::printf("yielded text: %zu of %zu files (%ld pages); flagged hidden text: %zu\n",
              files.size() - failures.size(), files.size(), pages, hidden);
  for (const auto& f : failures) std::printf("FAILED %s\n", f.c_str());
  for (const auto& f : flagged) std::printf("hidden text in %s\n", f.c_str());
  std::printf("read the same in a worker process: %zu of %zu files\n", files.size() - differ.size(),
              files.size());
  for (const auto& f : differ) std::printf("DIFFERS in a worker: %s\n", f.c_str());

  poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  auto ours = [&](std::size_t i) -> long {
    auto doc = shortlist::ingest::Extract(files[i].bytes, files[i].path, limits);
    return doc.ok() ? doc->pages : 0;
  };
  shortlist::ingest::ExtractLimits no_render = limits;
  no_render.render_pdf_pages = false;
  auto ours_no_render = [&](std::size_t i) -> long {
    auto doc = shortlist::ingest::Extract(files[i].bytes, files[i].path, no_render);
    return doc.ok() ? doc->pages : 0;
  };
  auto baseline = [&](std::size_t i) -> long {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
        files[i].bytes.data(), static_cast<int>(files[i].bytes.size())));
    if (!doc || doc->is_locked()) return 0;
    const int n = std::min(doc->pages(), limits.max_pages);
    std::size_t chars = 0;
    for (int p = 0; p < n; ++p) {
      std::unique_ptr<poppler::page> page(doc->create_page(p));
      if (page) chars += page->text().to_utf8().size();
    }
    return chars > 0 ? n : 0;
  };
  auto ours_sandboxed = [&](std::size_t i) -> long {
    auto doc = sandboxed.Extract(files[i].bytes, files[i].path, limits);
    return doc.ok() ? doc->pages : 0;
  };
  const std::vector<Variant> variants = {baseline, ours_no_render, ours, ours_sandboxed};
  for (int t : {1, threads}) {
    const std::vector<Pass> medians = MedianPasses(passes, files.size(), t, variants);
    const char* names[] = {"baseline poppler page::text()", "ingest::Extract without render",
                           "ingest::Extract (default)", "sandboxed Extract (default)"};
    for (std::size_t v = 0; v < variants.size(); ++v) {
      char label[96];
      std::snprintf(label, sizeof label, "%s, %d thread%s", names[v], t, t == 1 ? "" : "s");
      Report(label, medians[v], files.size());
    }
    if (threads == 1) break;
  }

  // DOCX: one "page" per file, so pages/s is files/s.
  auto docx_in_process = [&](std::size_t i) -> long {
    return shortlist::ingest::Extract(docx[i], "cv.docx", limits).ok() ? 1 : 0;
  };
  auto docx_sandboxed = [&](std::size_t i) -> long {
    return sandboxed.Extract(docx[i], "cv.docx", limits).ok() ? 1 : 0;
  };
  std::printf("%zu DOCX files written from the PDFs' text\n", docx.size());
  for (int t : {1, threads}) {
    const std::vector<Pass> medians =
        MedianPasses(passes, docx.size(), t, {docx_in_process, docx_sandboxed});
    const char* names[] = {"DOCX ingest::Extract", "DOCX sandboxed Extract"};
    for (std::size_t v = 0; v < 2; ++v) {
      char label[96];
      std::snprintf(label, sizeof label, "%s, %d thread%s", names[v], t, t == 1 ? "" : "s");
      Report(label, medians[v], docx.size());
      if (medians[v].pages != static_cast<long>(docx.size())) {
        std::printf("  (%ld of %zu DOCX files read)\n", medians[v].pages, docx.size());
      }
    }
    if (threads == 1) break;
  }
  const shortlist::ingest::SandboxStats stats = (*sandbox)->stats();
  std::printf("workers started %llu, replaced after their quota or growth %llu\n",
              static_cast<unsigned long long>(stats.workers_started),
              static_cast<unsigned long long>(stats.recycled));
  return failures.empty() && differ.empty() ? 0 : 1;
}

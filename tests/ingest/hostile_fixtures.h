// Files that attack the reader rather than exercise it: a PDF that takes far longer to read than
// any budget, and a DOCX that needs more memory than a worker has. Written by the tests, so no
// such file lives in the repository.
#pragma once

#include <cstddef>
#include <string>

namespace shortlist::ingest::testing {

// A one-page PDF whose content stream (FlateDecode) inflates to `inflated_mib` MiB of
// "(x) Tj " — the shape of the file in issue #23 (1 GiB inflated from about 1 MB). Poppler reads
// a page's content in one uninterruptible call, for tens of seconds at 1 GiB. Built from one
// compressed MiB repeated, so even 1 GiB takes milliseconds to write.
std::string InflatingPdf(std::size_t inflated_mib = 1024);

// A DOCX whose word/document.xml is `xml_mib` MiB of empty elements (under the 50 MiB inflated
// cap, and under the 200:1 ratio cap thanks to a random comment every few hundred elements).
// Read in-process it peaks at ~575 MB of RSS (pugixml's DOM is ~12 bytes per byte of XML) for a
// ~390 KB upload, and ends as "empty_file".
std::string MemoryBombDocx(std::size_t xml_mib = 44);

}  // namespace shortlist::ingest::testing

// Fuzzes the reading-order algorithm with arbitrary word boxes (NaN, huge, inverted, stacked).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "ingest/layout.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shortlist::ingest;
  constexpr std::size_t kRecord = 4 * sizeof(float) + 1;
  std::vector<PositionedWord> words;
  for (std::size_t off = 0; off + kRecord <= size && words.size() < 3000; off += kRecord) {
    float v[4];
    std::memcpy(v, data + off, sizeof v);
    PositionedWord w;
    w.text = std::string(1, static_cast<char>('a' + data[off + 16] % 26));
    w.x0 = v[0], w.y0 = v[1], w.x1 = v[2], w.y1 = v[3];
    w.font_size = w.y1 - w.y0;
    words.push_back(std::move(w));
  }
  const std::string text = OrderWords(std::move(words));
  (void)text;
  return 0;
}

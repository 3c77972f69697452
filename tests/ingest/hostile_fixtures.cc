#include "hostile_fixtures.h"

#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "fixtures.h"

namespace shortlist::ingest::testing {
namespace {

// Raw deflate of `in`, ended by `flush`: Z_FULL_FLUSH ends on a byte boundary with the history
// reset, so the bytes decode to `in` after anything at all — they can be repeated.
std::string Deflate(z_stream& z, const std::string& in, int flush) {
  std::string out;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  char buf[1 << 16];
  do {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    const int rc = deflate(&z, flush);
    if (rc == Z_STREAM_ERROR) throw std::runtime_error("deflate");
    out.append(buf, sizeof buf - z.avail_out);
  } while (z.avail_out == 0 || z.avail_in > 0);
  return out;
}

}  // namespace

std::string InflatingPdf(std::size_t inflated_mib) {
  const std::string head = "BT /F1 12 Tf 72 720 Td\n";
  std::string chunk;
  while (chunk.size() + 7 <= (1u << 20)) chunk += "(x) Tj ";
  const std::string tail = "\nET\n";

  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2");
  }
  const std::string head_z = Deflate(z, head, Z_FULL_FLUSH);
  const std::string chunk_z = Deflate(z, chunk, Z_FULL_FLUSH);
  const std::string tail_z = Deflate(z, tail, Z_FINISH);
  deflateEnd(&z);

  // zlib wrapper: header, the blocks, then the Adler-32 of everything inflated.
  auto adler_of = [](const std::string& s) {
    return adler32(adler32(0, nullptr, 0), reinterpret_cast<const Bytef*>(s.data()),
                   static_cast<uInt>(s.size()));
  };
  uLong adler = adler_of(head);
  const uLong chunk_adler = adler_of(chunk);
  std::string stream = "\x78\xda" + head_z;
  for (std::size_t i = 0; i < inflated_mib; ++i) {
    stream += chunk_z;
    adler = adler32_combine(adler, chunk_adler, static_cast<z_off_t>(chunk.size()));
  }
  stream += tail_z;
  adler = adler32_combine(adler, adler_of(tail), static_cast<z_off_t>(tail.size()));
  for (int shift = 24; shift >= 0; shift -= 8) {
    stream.push_back(static_cast<char>((adler >> shift) & 0xff));
  }

  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R "
      ">> >> /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Length " + std::to_string(stream.size()) + " /Filter /FlateDecode >>\nstream\n" +
          stream + "\nendstream",
  };
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

std::string MemoryBombDocx(std::size_t xml_mib) {
  std::string body;
  body.reserve(xml_mib << 20);
  std::uint32_t state = 12345;  // a fixed LCG: the same file every run
  while (body.size() < (xml_mib << 20)) {
    for (int i = 0; i < 200; ++i) body += "<w:p/>";
    state = state * 1664525u + 1013904223u;
    char comment[32];
    std::snprintf(comment, sizeof comment, "<!--%08x-->", state);
    body += comment;
  }
  return MakeDocx(body);
}

}  // namespace shortlist::ingest::testing

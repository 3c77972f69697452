// The template books compiled into the library from data/generate/ (see CMakeLists.txt).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "generate/template_book.h"

namespace shortlist::generate::data {
std::string_view EmailsText();
std::string_view WriteupText();
std::string_view QuestionsText();
}  // namespace shortlist::generate::data

namespace shortlist::generate {
namespace {

TemplateBook Load(std::string_view name, std::string_view text) {
  Result<TemplateBook> book = TemplateBook::Parse(text);
  if (!book.ok()) {
    std::fprintf(stderr, "generate: embedded data/generate/%.*s.txt is malformed: %s\n",
                 static_cast<int>(name.size()), name.data(), book.error().message.c_str());
    std::abort();
  }
  return std::move(book).value();
}

}  // namespace

const TemplateBook& EmbeddedBook(std::string_view name) {
  // Function-local statics: parsed once, on first use, thread-safe.
  static const TemplateBook emails = Load("emails", data::EmailsText());
  static const TemplateBook writeup = Load("writeup", data::WriteupText());
  static const TemplateBook questions = Load("questions", data::QuestionsText());
  if (name == "emails") return emails;
  if (name == "questions") return questions;
  if (name == "writeup") return writeup;
  std::fprintf(stderr, "generate: no embedded book named %.*s\n", static_cast<int>(name.size()),
               name.data());
  std::abort();
}

}  // namespace shortlist::generate

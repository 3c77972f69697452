// Errors as values at module boundaries.
//
// `Error` carries a machine-readable code ("corrupt_file", "not_found", ...), a message fit for a
// user, and optionally the input field it is about ("resumes.0.content"). `Result<T>` holds either
// a T or an Error; `Status` is `Result<void>`. Exceptions never cross a module edge: a module
// catches its own and returns an Error.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace shortlist {

struct Error {
  std::string code;     // stable, snake_case; clients may switch on it
  std::string message;  // human-readable, names the field or file at fault
  std::string field;    // optional: the input path the error is about

  static Error Make(std::string code, std::string message, std::string field = {}) {
    return Error{std::move(code), std::move(message), std::move(field)};
  }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    assert(!ok_);
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

inline Status OkStatus() { return Status(); }

}  // namespace shortlist

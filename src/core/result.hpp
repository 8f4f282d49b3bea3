#pragma once
// Expected failures are values, not exceptions (DESIGN.md "Errors").
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace youjun {

struct Error {
  std::string message;
  // Machine-readable kind where callers branch on it: "conflict" (row version or unique key),
  // "retry" (serialization failure / deadlock: the transaction may be run again), "storage" (disk full
  // or the OS refused a write). Empty otherwise.
  std::string code = {};
};

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<T>(v_); }
  const T& value() const { return std::get<T>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<Error>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Unit {};
using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }
inline Error make_error(std::string message) { return Error{std::move(message)}; }

}  // namespace youjun

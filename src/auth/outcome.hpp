#pragma once
// A result that also says *why* it failed, so the HTTP layer can pick 400/404/409/500 and the CLI an
// exit status, without parsing messages.
#include <optional>
#include <string>
#include <utility>

namespace youjun::auth {

enum class Failure {
  None,
  Invalid,    // bad input (400)
  NotFound,   // no such user (404)
  Conflict,   // already exists (409)
  Internal,   // the database failed (500)
};

template <class T>
struct Outcome {
  Failure failure = Failure::None;
  std::string message;  // zh-CN, for people
  std::optional<T> value;

  static Outcome success(T v) { return Outcome{Failure::None, "", std::move(v)}; }
  static Outcome fail(Failure f, std::string m) { return Outcome{f, std::move(m), std::nullopt}; }
  bool ok() const { return failure == Failure::None; }
};

}  // namespace youjun::auth

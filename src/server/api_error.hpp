// The one error shape of the HTTP API and the MCP tools: an HTTP status, a
// stable code (documented in README.md, "API errors"), a sentence for people
// and optional details (the field at fault, the core's diagnostics).
#pragma once

#include "llmos/json.hpp"

#include <optional>
#include <string>
#include <utility>

namespace llmos::server {

struct ApiError {
  int status = 500;
  std::string code;  // e.g. "request.bad_id", "skill.invalid"
  std::string message;
  json details = json::object();  // merged into the error body (field, diagnostics, ...)

  // {"error":{"code","message",...details}} plus "diagnostics" at the top
  // level when details carry them, so clients find them in one place.
  json to_json() const;
};

ApiError bad_request(std::string code, std::string message, json details = json::object());
ApiError not_found(std::string code, std::string message);
ApiError forbidden(std::string code, std::string message);
ApiError internal_error(std::string message);

// A value or the ApiError that prevented it.
template <typename T>
class Outcome {
 public:
  Outcome(T value) : value_(std::move(value)) {}
  Outcome(ApiError error) : error_(std::move(error)) {}
  explicit operator bool() const { return value_.has_value(); }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  const ApiError& error() const { return error_; }

 private:
  std::optional<T> value_;
  ApiError error_;
};

}  // namespace llmos::server

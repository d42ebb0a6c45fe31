#include "api_error.hpp"

namespace llmos::server {

json ApiError::to_json() const {
  json error = json::object();
  error["code"] = code;
  error["message"] = message;
  json out = json::object();
  out["error"] = nullptr;  // first in the reply
  for (const auto& [key, value] : details.items()) {
    if (key == "diagnostics")
      out["diagnostics"] = value;
    else
      error[key] = value;
  }
  out["error"] = std::move(error);
  return out;
}

ApiError bad_request(std::string code, std::string message, json details) {
  return ApiError{400, std::move(code), std::move(message), std::move(details)};
}

ApiError not_found(std::string code, std::string message) {
  return ApiError{404, std::move(code), std::move(message), json::object()};
}

ApiError forbidden(std::string code, std::string message) {
  return ApiError{403, std::move(code), std::move(message), json::object()};
}

ApiError internal_error(std::string message) {
  return ApiError{500, "internal", std::move(message), json::object()};
}

}  // namespace llmos::server

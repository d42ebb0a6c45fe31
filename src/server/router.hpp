// A small router over path segments: "/workflows/skills/{}/history" matches
// one id per "{}" segment; no regular expressions per request (cpp-httplib
// tries each route's std::regex in turn, which costs more than our handlers).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace llmos::server {

struct RouteMatch {
  const httplib::Request& request;
  httplib::Response& response;
  std::vector<std::string> params;  // the "{}" segments, percent-decoded
};
using RouteHandler = std::function<void(RouteMatch&)>;

class Router {
 public:
  void add(std::string method, std::string_view pattern, RouteHandler handler);

  enum class Result { handled, no_route, wrong_method };
  // Runs the handler of the route matching the request's method and path
  // (HEAD runs GET's). wrong_method: the path has routes, not for this
  // method (the allowed ones are in `allow`).
  Result dispatch(const httplib::Request& request, httplib::Response& response,
                  std::string* allow = nullptr) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;  // "{}" = parameter
    RouteHandler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace llmos::server

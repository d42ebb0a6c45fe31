#include "router.hpp"

#include <httplib.h>

namespace llmos::server {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

}  // namespace

void Router::add(std::string method, std::string_view pattern, RouteHandler handler) {
  Route route{std::move(method), {}, std::move(handler)};
  for (auto segment : split_path(pattern)) route.segments.emplace_back(segment);
  routes_.push_back(std::move(route));
}

Router::Result Router::dispatch(const httplib::Request& request, httplib::Response& response,
                                std::string* allow) const {
  const auto segments = split_path(request.path);
  const std::string_view method = request.method == "HEAD" ? std::string_view("GET") : request.method;
  bool path_known = false;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    bool matches = true;
    for (std::size_t i = 0; i < segments.size() && matches; ++i)
      matches = route.segments[i] == "{}" ? !segments[i].empty() : route.segments[i] == segments[i];
    if (!matches) continue;
    if (route.method != method) {
      if (allow && allow->find(route.method) == std::string::npos)
        *allow += (allow->empty() ? "" : ", ") + route.method;
      path_known = true;
      continue;
    }
    RouteMatch match{request, response, {}};
    for (std::size_t i = 0; i < segments.size(); ++i)
      if (route.segments[i] == "{}") match.params.emplace_back(segments[i]);
    route.handler(match);
    return Result::handled;
  }
  return path_known ? Result::wrong_method : Result::no_route;
}

}  // namespace llmos::server

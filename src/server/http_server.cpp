#include "http_server.hpp"

#include "demo_data.hpp"
#include "http_reply.hpp"
#include "mcp.hpp"
#include "routes.hpp"
#include "workbench_service.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <cstdio>

namespace llmos::server {
namespace {

using HandlerResponse = httplib::Server::HandlerResponse;

void add_cross_origin_isolation(httplib::Response& response) {
  // Pyodide interrupts need SharedArrayBuffer, which needs cross-origin isolation.
  response.set_header("Cross-Origin-Opener-Policy", "same-origin");
  response.set_header("Cross-Origin-Embedder-Policy", "require-corp");
  response.set_header("Cross-Origin-Resource-Policy", "same-origin");
  response.set_header("X-Content-Type-Options", "nosniff");
  // Tells the page it is hosted (it has an API) without a request that a
  // static server would answer with a logged 404: web/lib/workflow-store.js.
  response.set_header("Server-Timing", "llmos-api");
}

// The API's errors for what cpp-httplib refuses before our handlers run.
std::string error_code_for(int status) {
  switch (status) {
    case 400:
      return "request.bad";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 413:
      return "request.too_large";
    case 414:
      return "request.uri_too_long";
    case 416:
      return "request.bad_range";
    default:
      return status >= 500 ? "internal" : "request.bad";
  }
}

class Server {
 public:
  explicit Server(const ServeOptions& options)
      : service_(
            ServiceOptions{options.skill_dirs, options.data_dir, options.web_root, options.llmos_executable}),
        mcp_(service_) {
    add_skill_routes(router_, service_);
    add_workflow_routes(router_, service_);
    add_trace_routes(router_, service_);
    router_.add("GET", "/health", [this](RouteMatch& match) {
      reply_json(match.request, match.response, 200, service_.health());
    });
    router_.add("POST", "/mcp", [this](RouteMatch& match) { mcp_.post(match.request, match.response); });
    router_.add("GET", "/mcp", [this](RouteMatch& match) { mcp_.get(match.request, match.response); });
    router_.add("DELETE", "/mcp", [this](RouteMatch& match) { mcp_.remove(match.request, match.response); });

    const int threads = options.threads > 0 ? options.threads : 64;
    http_.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
    // Nagle's algorithm plus delayed ACKs held small responses back ~40 ms.
    http_.set_tcp_nodelay(true);
    // Debian's compiled cpp-httplib sets SO_REUSEPORT, so a second server on a
    // busy port would start and take half its connections: plain
    // SO_REUSEADDR instead (restarts still rebind at once). The listening
    // socket is kept to widen its backlog after the bind.
    http_.set_socket_options([this](int socket) {
      const int yes = 1;
      ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
      listening_socket_ = socket;
    });
    http_.set_keep_alive_max_count(100000);
    http_.set_keep_alive_timeout(10);
    http_.set_payload_max_length(kMaxBodyBytes);
    http_.set_read_timeout(30, 0);
    http_.set_write_timeout(30, 0);

    // GET and HEAD are routed before cpp-httplib's regex routes; other
    // methods reach the same router through one catch-all route each (their
    // body must be read first).
    http_.set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
      if (request.method != "GET" && request.method != "HEAD" && request.method != "OPTIONS")
        return HandlerResponse::Unhandled;
      route(request, response);
      return HandlerResponse::Handled;
    });
    auto catch_all = [this](const httplib::Request& request, httplib::Response& response) {
      route(request, response);
    };
    http_.Post(".*", catch_all);
    http_.Put(".*", catch_all);
    http_.Delete(".*", catch_all);
    http_.Patch(".*", catch_all);

    http_.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& request,
                                                                    httplib::Response& response) {
      // Fill in a JSON body only where nobody wrote one (cpp-httplib's own refusals).
      if (!response.body.empty() || response.has_header("Content-Length") || response.status == 304)
        return HandlerResponse::Unhandled;
      std::string message = "the server refused the request (HTTP " + std::to_string(response.status) + ")";
      if (response.status == 413) message = "the request body is larger than 8 MiB";
      if (response.status == 404) message = "nothing at " + request.method + " " + request.path;
      reply_error(request, response,
                  ApiError{response.status, error_code_for(response.status), message, json::object()});
      return HandlerResponse::Handled;
    }));
    http_.set_post_routing_handler(
        [](const httplib::Request&, httplib::Response& response) { add_cross_origin_isolation(response); });
    http_.set_exception_handler(
        [](const httplib::Request& request, httplib::Response& response, std::exception_ptr error) {
          std::string what = "unexpected error";
          try {
            if (error) std::rethrow_exception(error);
          } catch (const std::exception& exception) {
            what = exception.what();
          } catch (...) {
          }
          reply_error(request, response, internal_error(what));
        });
  }

  int listen(const ServeOptions& options) {
    int port = options.port;
    if (port == 0) {
      port = http_.bind_to_any_port(options.host);
      if (port < 0) {
        std::fprintf(stderr, "llmos serve: cannot listen on %s\n", options.host.c_str());
        return 1;
      }
    } else if (!http_.bind_to_port(options.host, port)) {
      std::fprintf(stderr, "llmos serve: cannot listen on %s:%d\n", options.host.c_str(), port);
      return 1;
    }
    // The library listens with a backlog of 5: a page opening its usual 6+
    // connections at once overflowed it, and each dropped handshake waited
    // for the 1 s retransmission. listen() again only resizes the queue.
    if (listening_socket_ >= 0) ::listen(listening_socket_, SOMAXCONN);
    if (options.on_listening) options.on_listening(port);
    return http_.listen_after_bind() ? 0 : 1;
  }

 private:
  void route(const httplib::Request& request, httplib::Response& response) {
    if (request.method == "OPTIONS") {
      response.status = 204;
      response.set_header("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
      return;
    }
    std::string allow;
    switch (router_.dispatch(request, response, &allow)) {
      case Router::Result::handled:
        return;
      case Router::Result::wrong_method:
        response.set_header("Allow", allow);
        return reply_error(
            request, response,
            ApiError{405, "method_not_allowed",
                     request.method + " is not allowed on " + request.path + " (allowed: " + allow + ")",
                     json::object()});
      case Router::Result::no_route:
        break;
    }
    const bool api_path = request.path.starts_with("/workflows") || request.path.starts_with("/mcp");
    if (!api_path && (request.method == "GET" || request.method == "HEAD")) {
      if (auto* files = service_.static_files())
        if (auto body = files->find(request.path)) return reply_prepared(request, response, *body);
    }
    reply_error(request, response,
                not_found("not_found", "nothing at " + request.method + " " + request.path));
  }

  WorkbenchService service_;
  McpEndpoint mcp_;
  Router router_;
  httplib::Server http_;
  int listening_socket_ = -1;
};

}  // namespace

int serve(const ServeOptions& options) {
  if (options.demo) {
    if (auto failure = write_demo_data(options.data_dir)) {
      std::fprintf(stderr, "llmos serve: --demo: %s\n", failure->c_str());
      return 1;
    }
  }
  Server server(options);
  return server.listen(options);
}

}  // namespace llmos::server

// The Model Context Protocol endpoint at /mcp (revision 2025-06-18,
// streamable HTTP transport, JSON-RPC 2.0): agents list and read skills,
// validate, save and read workflows, run one headless (through `llmos run`),
// and read standard skills as resources. Each POST carries one JSON-RPC
// message and gets one JSON reply, except a tools/call that asks for
// progress (params._meta.progressToken) from a client that accepts
// text/event-stream: its answer is an SSE stream of notifications/progress
// (one per finished node of a run) ending with the result; a client that
// goes away stops its run. GET is 405 (no server-initiated stream).
//
// Checks the transport asks for: the Origin header (DNS rebinding: only
// loopback origins or the server's own are accepted, else 403), the
// MCP-Protocol-Version header (an unsupported one is a 400), and the
// Mcp-Session-Id the server handed out at initialize (unknown ones are 404).
// The user and team default to the endpoint URL's ?user_id=&team_id=, and
// each tool call may name others.
#pragma once

#include "workbench_service.hpp"

#include <functional>
#include <mutex>
#include <set>
#include <string>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace llmos::server {

inline constexpr const char* kMcpProtocolVersion = "2025-06-18";

class McpEndpoint {
 public:
  explicit McpEndpoint(WorkbenchService& service) : service_(service) {}

  void post(const httplib::Request& request, httplib::Response& response);
  void get(const httplib::Request& request, httplib::Response& response);     // 405
  void remove(const httplib::Request& request, httplib::Response& response);  // ends a session

  // Sends one JSON-RPC message to the client before the answer.
  using Notify = std::function<void(const json& message)>;
  // A request answered on an SSE stream: what it may send before its answer
  // (progress notifications) and whether the client is still there.
  struct Stream {
    Notify send;
    std::function<bool()> still_listening;
  };

  // The JSON-RPC answer to one request object (null for notifications);
  // `who` is the endpoint's default identity. On a `stream`, a request that
  // carries params._meta.progressToken hears notifications/progress while it
  // runs, and a run stops when the client goes away. Public for tests and tools.
  json handle(const json& message, const Identity& who, std::string* new_session,
              const Stream* stream = nullptr);

  // Tool descriptions of tools/list.
  static json tool_list();

 private:
  json call_tool(const std::string& name, const json& arguments, const Identity& who, bool* unknown_tool,
                 const Notify& progress, const Stream* stream);

  WorkbenchService& service_;
  std::mutex sessions_mutex_;
  std::set<std::string> sessions_;
};

}  // namespace llmos::server

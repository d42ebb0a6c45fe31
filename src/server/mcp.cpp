#include "mcp.hpp"

#include "http_reply.hpp"

#include "llmos/json_view.hpp"

#include <httplib.h>

#include <chrono>
#include <random>

namespace llmos::server {
namespace {

constexpr std::size_t kMaxSessions = 4096;
constexpr const char* kSkillUriPrefix = "llmos://skills/";

bool supported_version(const std::string& version) {
  return version == "2025-06-18" || version == "2025-03-26" || version == "2024-11-05";
}

// Loopback origins, or the origin of the host the request was sent to.
bool origin_allowed(const httplib::Request& request) {
  if (!request.has_header("Origin")) return true;  // not a browser: nothing to rebind
  const auto origin = request.get_header_value("Origin");
  const auto scheme_end = origin.find("://");
  if (scheme_end == std::string::npos) return false;
  std::string host = origin.substr(scheme_end + 3);
  const std::string host_and_port = host;
  if (host.starts_with("[")) {
    host = host.substr(0, host.find(']') + 1);
  } else if (const auto colon = host.find(':'); colon != std::string::npos) {
    host = host.substr(0, colon);
  }
  if (host == "localhost" || host == "127.0.0.1" || host == "[::1]") return true;
  return host_and_port == request.get_header_value("Host");
}

std::string random_session_id() {
  std::random_device device;
  std::string out;
  static const char* digits = "0123456789abcdef";
  for (int i = 0; i < 32; ++i) out += digits[device() % 16];
  return out;
}

json rpc_error(const json& id, int code, const std::string& message, json data = nullptr) {
  json error = {{"code", code}, {"message", message}};
  if (!data.is_null()) error["data"] = std::move(data);
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(error)}};
}

void send_rpc(httplib::Response& response, int status, const json& body) {
  response.status = status;
  response.set_header("Cache-Control", "no-store");
  response.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace) + "\n", "application/json");
}

// --- Tool results ----------------------------------------------------------

json tool_result(json structured, bool is_error = false) {
  json out = json::object();
  out["content"] = json::array({{{"type", "text"}, {"text", structured.dump(2)}}});
  out["structuredContent"] = std::move(structured);
  out["isError"] = is_error;
  return out;
}

json tool_error(const ApiError& error) { return tool_result(error.to_json(), true); }

json tool_error(const std::string& code, const std::string& message) {
  return tool_error(ApiError{400, code, message, json::object()});
}

std::string string_argument(const json& arguments, const char* key) {
  const auto found = arguments.find(key);
  return found != arguments.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// The identity a tool acts for: its arguments, else the endpoint's.
Outcome<Identity> tool_identity(const json& arguments, const Identity& who) {
  const auto user = string_argument(arguments, "user_id");
  const auto team = string_argument(arguments, "team_id");
  return checked_identity(user.empty() ? who.user : user, team.empty() ? who.team : team);
}

// A workflow argument given as an object or as JSON text.
std::optional<std::string> workflow_text(const json& arguments) {
  const auto found = arguments.find("workflow");
  if (found == arguments.end()) return std::nullopt;
  if (found->is_string()) return found->get<std::string>();
  return found->dump(2);
}

json schema(json properties, std::vector<std::string> required = {}) {
  json out = {{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) out["required"] = required;
  return out;
}

const json kIdentityProperties = {
    {"user_id",
     {{"type", "string"},
      {"description", "user whose volume to use (default: the endpoint's, else 'local')"}}},
    {"team_id",
     {{"type", "string"},
      {"description", "team whose volume to use (default: the endpoint's, else 'local')"}}},
};

json with_identity(json properties) {
  for (const auto& [key, value] : kIdentityProperties.items()) properties[key] = value;
  return properties;
}

const json kWorkflowProperty = {{"description",
                                 "workflow JSON: {nodes:[{nodeId, skillId, inputValues}], edges:[{source, "
                                 "sourceOutput, target, targetInput}]}"},
                                {"type", json::array({"object", "string"})}};

// params._meta.progressToken (a string or integer), else null.
json progress_token(const json& params) {
  const auto meta = params.find("_meta");
  if (meta == params.end() || !meta->is_object()) return nullptr;
  const auto token = meta->find("progressToken");
  if (token == meta->end() || !(token->is_string() || token->is_number_integer())) return nullptr;
  return *token;
}

// Turns `llmos run --events` lines into progress updates {progress, total,
// message}: one per node that finishes, fractions of a node's own progress
// in between; the value only grows, as the protocol asks.
class RunProgress {
 public:
  RunProgress(const json& workflow, McpEndpoint::Notify send) : send_(std::move(send)) {
    const auto nodes = workflow.is_object() ? workflow.find("nodes") : workflow.end();
    if (nodes != workflow.end() && nodes->is_array()) total_ = static_cast<double>(nodes->size());
  }

  void heard(const std::string& line) {
    const json event = parse_json(line).value;
    if (!send_ || !event.is_object() || !event.contains("event") || !event.contains("node")) return;
    const std::string kind = event.value("event", std::string());
    const std::string node = event["node"].is_string() ? event["node"].get<std::string>() : std::string();
    double value = finished_;
    std::string message;
    if (kind == "done" || kind == "cached" || kind == "error" || kind == "skipped" || kind == "cancelled") {
      value = ++finished_;
      message = node + ": " + kind;
      if (event.contains("ms") && event["ms"].is_number())
        message += " in " + std::to_string(static_cast<long>(event["ms"].get<double>() + 0.5)) + " ms";
      if (event.contains("error") && event["error"].is_object())
        message += " (" + event["error"].value("message", std::string()) + ")";
    } else if (kind == "progress" && event.contains("fraction") && event["fraction"].is_number()) {
      value = finished_ + std::clamp(event["fraction"].get<double>(), 0.0, 0.99);
      message = node + ": " + event.value("message", std::string());
    } else {
      return;
    }
    if (value <= sent_) return;
    sent_ = value;
    json update = {{"progress", value}, {"message", message}};
    if (total_ > 0) update["total"] = total_;
    send_(update);
  }

 private:
  McpEndpoint::Notify send_;
  double total_ = 0;
  double finished_ = 0;
  double sent_ = 0;
};

}  // namespace

json McpEndpoint::tool_list() {
  json tools = json::array();
  auto add = [&tools](const char* name, const char* title, const char* description, json input_schema) {
    tools.push_back({{"name", name},
                     {"title", title},
                     {"description", description},
                     {"inputSchema", std::move(input_schema)}});
  };
  add("list_skills", "List skills",
      "Skills the user and team can use as workflow nodes (system < team < user volumes), with their typed "
      "inputs "
      "and outputs. Filter by node_type, category or a search text.",
      schema(with_identity({{"node_type", {{"type", "string"}}},
                            {"category", {{"type", "string"}}},
                            {"search", {{"type", "string"}}},
                            {"executable_only", {{"type", "boolean"}, {"default", true}}}})));
  add("read_skill", "Read a skill",
      "One skill: its ports, code and full Markdown text (for standard skills also resources).",
      schema(with_identity({{"skill_id", {{"type", "string"}}}}), {"skill_id"}));
  add("get_context", "Context for keywords",
      "Standard (guide) skills matching the keywords, as Markdown text to read before building a workflow.",
      schema(
          with_identity({{"keywords", {{"type", "string"}, {"description", "comma- or space-separated"}}}})));
  add("validate_workflow", "Validate a workflow",
      "Checks a workflow against the skills (ids, ports, types, required inputs, cycles) and returns every "
      "problem with its JSON pointer, line and column.",
      schema(with_identity({{"workflow", kWorkflowProperty}}), {"workflow"}));
  add("save_workflow", "Save a workflow",
      "Saves a workflow in the user's volume as a new version (git history). Validation problems are "
      "reported, "
      "not refused.",
      schema(with_identity({{"workflow_id", {{"type", "string"}}}, {"workflow", kWorkflowProperty}}),
             {"workflow_id", "workflow"}));
  add("list_workflows", "List saved workflows", "The user's saved workflows.", schema(with_identity({})));
  add("read_workflow", "Read a saved workflow", "One saved workflow's JSON.",
      schema(with_identity({{"workflow_id", {{"type", "string"}}}}), {"workflow_id"}));
  add("run_workflow", "Run a workflow",
      "Validates, then runs a workflow headless with `llmos run` (the same core and runtime workers as the "
      "browser) and returns each node's outputs. Give `workflow` or a saved `workflow_id`.",
      schema(with_identity({{"workflow", kWorkflowProperty},
                            {"workflow_id", {{"type", "string"}}},
                            {"timeout_ms", {{"type", "integer"}, {"minimum", 1000}, {"maximum", 600000}}}})));
  return tools;
}

json McpEndpoint::call_tool(const std::string& name, const json& arguments, const Identity& default_who,
                            bool* unknown_tool, const Notify& progress, const Stream* stream) {
  auto who = tool_identity(arguments, default_who);
  if (!who) return tool_error(who.error());
  auto view = service_.library(*who);

  if (name == "list_skills") {
    SkillQuery query;
    query.type = string_argument(arguments, "node_type");
    query.category = string_argument(arguments, "category");
    query.executable_only = arguments.value("executable_only", true);
    return tool_result(service_.list_skills(*view, query, string_argument(arguments, "search")));
  }
  if (name == "read_skill") {
    auto id = checked_id(IdKind::skill, string_argument(arguments, "skill_id"));
    if (!id) return tool_error(id.error());
    auto skill = service_.read_skill(*view, *id);
    return skill ? tool_result(*skill) : tool_error(skill.error());
  }
  if (name == "get_context")
    return tool_result(service_.context(*view, string_argument(arguments, "keywords")));
  if (name == "validate_workflow") {
    auto text = workflow_text(arguments);
    if (!text) return tool_error("request.missing", "missing argument 'workflow'");
    const auto checked = service_.check_workflow(*text, *view, false);
    json out = {{"valid", !checked.diagnostics.has_errors()},
                {"diagnostics", diagnostics_to_json(checked.diagnostics)},
                {"report", checked.diagnostics.to_text()}};
    return tool_result(std::move(out));
  }
  if (name == "save_workflow") {
    auto id = checked_id(IdKind::workflow, string_argument(arguments, "workflow_id"));
    if (!id) return tool_error(id.error());
    auto text = workflow_text(arguments);
    if (!text) return tool_error("request.missing", "missing argument 'workflow'");
    auto saved = service_.save_workflow(*who, *id, *text);
    return saved ? tool_result(*saved) : tool_error(saved.error());
  }
  if (name == "list_workflows") {
    auto list = service_.list_workflows(*who);
    return list ? tool_result(*list) : tool_error(list.error());
  }
  if (name == "read_workflow") {
    auto id = checked_id(IdKind::workflow, string_argument(arguments, "workflow_id"));
    if (!id) return tool_error(id.error());
    auto text = service_.read_workflow(*who, *id);
    if (!text) return tool_error(text.error());
    return tool_result({{"workflow_id", *id}, {"workflow", parse_json(*text).value}});
  }
  if (name == "run_workflow") {
    std::optional<std::string> text = workflow_text(arguments);
    if (!text) {
      const auto workflow_id = string_argument(arguments, "workflow_id");
      if (workflow_id.empty()) return tool_error("request.missing", "give 'workflow' or 'workflow_id'");
      auto id = checked_id(IdKind::workflow, workflow_id);
      if (!id) return tool_error(id.error());
      auto stored = service_.read_workflow(*who, *id);
      if (!stored) return tool_error(stored.error());
      text = *stored;
    }
    const auto checked = service_.check_workflow(*text, *view, false);
    if (checked.diagnostics.has_errors())
      return tool_error(bad_request("workflow.invalid", "the workflow has errors; nothing ran",
                                    {{"diagnostics", diagnostics_to_json(checked.diagnostics)}}));
    auto request = service_.run_request(*who, *text);
    if (const auto timeout = arguments.find("timeout_ms");
        timeout != arguments.end() && timeout->is_number_integer())
      request.timeout_ms = std::clamp(timeout->get<int>(), 1000, 600000);
    // The node count for the progress total; the workflow is parsed again only when asked for.
    RunProgress tracker(progress ? parse_json(*text).value : json(), progress);
    if (progress) request.on_event_line = [&tracker](const std::string& line) { tracker.heard(line); };
    if (stream) request.still_wanted = stream->still_listening;
    const auto result = service_.runner().run(request);
    if (!result.started) return tool_error(ApiError{503, "run.unavailable", result.error, json::object()});
    if (result.abandoned)
      return tool_error(
          ApiError{400, "run.abandoned", "the client went away; the run was stopped", json::object()});
    json out = json::object();
    out["exit_code"] = result.exit_code;
    out["timed_out"] = result.timed_out;
    const json parsed = parse_json(result.stdout_text).value;
    if (!parsed.is_discarded())
      out["result"] = parsed;
    else
      out["stdout"] = result.stdout_text;
    if (!result.stderr_text.empty())
      out["stderr"] = result.stderr_text.size() > 16384
                          ? result.stderr_text.substr(result.stderr_text.size() - 16384)
                          : result.stderr_text;
    return tool_result(std::move(out), result.timed_out || result.exit_code != 0);
  }
  *unknown_tool = true;
  return nullptr;
}

json McpEndpoint::handle(const json& message, const Identity& who, std::string* new_session,
                         const Stream* stream) {
  if (!message.is_object() || message.value("jsonrpc", json()) != "2.0")
    return rpc_error(nullptr, -32600,
                     "not a JSON-RPC 2.0 message (batches are not part of revision 2025-06-18)");
  const bool has_id = message.contains("id");
  const json id = has_id ? message["id"] : json();
  if (!message.contains("method")) return nullptr;  // a response to us: nothing to answer
  if (!message["method"].is_string()) return rpc_error(id, -32600, "'method' must be a string");
  const std::string method = message["method"];
  if (!has_id) return nullptr;  // a notification (notifications/initialized, cancelled, ...)
  if (!id.is_string() && !id.is_number_integer())
    return rpc_error(nullptr, -32600, "'id' must be a string or integer");
  const json params = message.value("params", json::object());
  if (!params.is_object()) return rpc_error(id, -32602, "'params' must be an object");
  auto result = [&id](json value) {
    return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(value)}};
  };

  if (method == "initialize") {
    const std::string asked = params.value("protocolVersion", json("")).is_string()
                                  ? params.value("protocolVersion", std::string())
                                  : std::string();
    json out = json::object();
    out["protocolVersion"] = supported_version(asked) ? asked : std::string(kMcpProtocolVersion);
    out["capabilities"] = {{"tools", {{"listChanged", false}}},
                           {"resources", {{"subscribe", false}, {"listChanged", false}}}};
    out["serverInfo"] = {
        {"name", "llmos-workbench"}, {"title", "LLMos-Lite Workbench"}, {"version", "0.1.0"}};
    out["instructions"] =
        "Build workflows from skills: list_skills shows the nodes (typed inputs and outputs), get_context "
        "gives "
        "guides, validate_workflow checks a graph before run_workflow runs it; save_workflow keeps a "
        "version.";
    if (new_session) *new_session = random_session_id();
    return result(std::move(out));
  }
  if (method == "ping") return result(json::object());
  if (method == "tools/list") return result({{"tools", tool_list()}});
  if (method == "tools/call") {
    const auto name = params.value("name", json());
    if (!name.is_string()) return rpc_error(id, -32602, "tools/call needs a 'name'");
    const json arguments = params.value("arguments", json::object());
    if (!arguments.is_object()) return rpc_error(id, -32602, "'arguments' must be an object");
    bool unknown = false;
    Notify progress;
    if (const auto token = progress_token(params); stream && !token.is_null())
      progress = [stream, token](const json& update) {
        json notification_params = update;
        notification_params["progressToken"] = token;
        stream->send({{"jsonrpc", "2.0"},
                      {"method", "notifications/progress"},
                      {"params", std::move(notification_params)}});
      };
    json out = call_tool(name.get<std::string>(), arguments, who, &unknown, progress, stream);
    if (unknown) return rpc_error(id, -32602, "unknown tool '" + name.get<std::string>() + "'");
    return result(std::move(out));
  }
  if (method == "resources/list") {
    auto view = service_.library(who);
    json resources = json::array();
    for (const auto* entry : view->library.list()) {
      if (entry->skill.type != NodeType::standard) continue;
      resources.push_back({{"uri", kSkillUriPrefix + entry->skill.skill_id},
                           {"name", entry->skill.skill_id},
                           {"title", entry->skill.name},
                           {"description", entry->skill.description},
                           {"mimeType", "text/markdown"},
                           {"size", entry->skill.source_text.size()}});
    }
    return result({{"resources", std::move(resources)}});
  }
  if (method == "resources/templates/list") return result({{"resourceTemplates", json::array()}});
  if (method == "resources/read") {
    const auto uri = params.value("uri", json());
    if (!uri.is_string()) return rpc_error(id, -32602, "resources/read needs a 'uri'");
    const std::string text = uri.get<std::string>();
    auto view = service_.library(who);
    const LibraryEntry* entry = nullptr;
    if (text.starts_with(kSkillUriPrefix))
      entry = view->library.find_entry(text.substr(std::string(kSkillUriPrefix).size()));
    if (!entry) return rpc_error(id, -32002, "Resource not found", {{"uri", text}});
    return result({{"contents", json::array({{{"uri", text},
                                              {"mimeType", "text/markdown"},
                                              {"text", entry->skill.source_text}}})}});
  }
  return rpc_error(id, -32601, "method '" + method + "' is not supported");
}

void McpEndpoint::post(const httplib::Request& request, httplib::Response& response) {
  if (!origin_allowed(request))
    return send_rpc(
        response, 403,
        rpc_error(nullptr, -32000,
                  "Origin '" + request.get_header_value("Origin") + "' is not allowed (local server)"));
  if (request.has_header("MCP-Protocol-Version") &&
      !supported_version(request.get_header_value("MCP-Protocol-Version")))
    return send_rpc(
        response, 400,
        rpc_error(nullptr, -32600,
                  "unsupported MCP-Protocol-Version '" + request.get_header_value("MCP-Protocol-Version") +
                      "' (supported: 2025-06-18, 2025-03-26, 2024-11-05)"));
  if (request.has_header("Mcp-Session-Id")) {
    std::lock_guard lock(sessions_mutex_);
    if (!sessions_.count(request.get_header_value("Mcp-Session-Id")))
      return send_rpc(response, 404,
                      rpc_error(nullptr, -32001, "unknown or ended session; initialize again"));
  }
  const json message = parse_json(request.body).value;
  if (message.is_discarded())
    return send_rpc(response, 400, rpc_error(nullptr, -32700, "Parse error: not JSON"));
  auto who = checked_identity(request.get_param_value("user_id"), request.get_param_value("team_id"));
  if (!who) return send_rpc(response, 400, rpc_error(nullptr, -32602, who.error().message));

  // A tool call that asks for progress, from a client that reads SSE: the
  // answer streams its notifications, then the result, on this response.
  if (message.is_object() && message.value("method", json()) == "tools/call" && message.contains("id") &&
      message.value("params", json()).is_object() && !progress_token(message["params"]).is_null() &&
      request.get_header_value("Accept").find("text/event-stream") != std::string::npos) {
    response.status = 200;
    response.set_header("Cache-Control", "no-store");
    response.set_chunked_content_provider("text/event-stream", [this, message, identity = *who](
                                                                   std::size_t, httplib::DataSink& sink) {
      // A comment every few seconds keeps idle proxies from closing the
      // stream, and a failed write is how a client's going away shows.
      bool listening = true;
      auto last_write = std::chrono::steady_clock::now();
      auto write = [&](const std::string& text) {
        listening = listening && sink.write(text.data(), text.size());
        last_write = std::chrono::steady_clock::now();
      };
      Stream stream;
      stream.send = [&](const json& event) {
        write("event: message\ndata: " + event.dump(-1, ' ', false, json::error_handler_t::replace) + "\n\n");
      };
      stream.still_listening = [&] {
        if (std::chrono::steady_clock::now() - last_write >= std::chrono::seconds(2))
          write(": keep-alive\n\n");
        return listening;
      };
      stream.send(handle(message, identity, nullptr, &stream));
      sink.done();
      return true;
    });
    return;
  }
  std::string new_session;
  const json answer = handle(message, *who, &new_session);
  if (answer.is_null()) {
    response.status = 202;
    return;
  }
  if (!new_session.empty()) {
    std::lock_guard lock(sessions_mutex_);
    if (sessions_.size() >= kMaxSessions) sessions_.erase(sessions_.begin());
    sessions_.insert(new_session);
    response.set_header("Mcp-Session-Id", new_session);
  }
  // JSON-RPC errors about the message itself (no id) are HTTP 400.
  const bool bad_message = answer.contains("error") && answer["id"].is_null();
  send_rpc(response, bad_message ? 400 : 200, answer);
}

void McpEndpoint::get(const httplib::Request& request, httplib::Response& response) {
  (void)request;
  response.set_header("Allow", "POST, DELETE");
  send_rpc(response, 405,
           rpc_error(nullptr, -32000, "this server offers no SSE stream; POST JSON-RPC messages"));
}

void McpEndpoint::remove(const httplib::Request& request, httplib::Response& response) {
  if (!origin_allowed(request))
    return send_rpc(response, 403, rpc_error(nullptr, -32000, "Origin not allowed"));
  std::lock_guard lock(sessions_mutex_);
  const auto session = request.get_header_value("Mcp-Session-Id");
  if (session.empty() || !sessions_.erase(session)) {
    send_rpc(response, 404, rpc_error(nullptr, -32001, "unknown session"));
    return;
  }
  response.status = 204;
}

}  // namespace llmos::server

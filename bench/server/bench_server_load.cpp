// A bounded load test of `llmos serve` on the loopback: N requests at C-way
// concurrency (keep-alive connections, one blocking client thread each) for
// the skills list, index.html and llmos.wasm, reporting throughput, mean,
// p50 and p99 latency and errors. Beside it in the same run: the floor (a
// minimal epoll server answering a constant of the same size) and the
// reference, cpp-httplib as the server used it before (defaults: Nagle on, 8
// threads, 5 requests per connection, each file read and wasm gzipped per
// request); it gets fewer requests because it is that slow.
//
// usage: bench_server_load WEB_ROOT SKILLS_DIR [requests=10000] [concurrency=16]
#include "http_reply.hpp"
#include "http_server.hpp"
#include "static_files.hpp"

#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct LoadResult {
  std::size_t requests = 0;
  std::size_t errors = 0;
  double seconds = 0;
  std::vector<double> latencies_ms;
  std::size_t body_bytes = 0;  // of the last good response
};

int connect_loopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    return -1;
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  return fd;
}

// One keep-alive connection of the client: the response being read and when
// its request was sent.
struct ClientConnection {
  int fd = -1;
  std::string buffer;
  std::size_t header_end = std::string::npos;
  std::size_t body_length = 0;
  int status = 0;
  bool server_closes = false;
  Clock::time_point sent;
};

// Parses the status line and headers once they are complete; false when the
// response has no Content-Length (the bench treats that as an error).
bool parse_head(ClientConnection& c) {
  c.status = std::atoi(c.buffer.c_str() + 9);
  std::string headers = c.buffer.substr(0, c.header_end);
  for (auto& ch : headers) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const auto length_at = headers.find("content-length:");
  if (length_at == std::string::npos) return false;
  c.body_length = std::strtoul(headers.c_str() + length_at + 15, nullptr, 10);
  c.server_closes = headers.find("connection: close") != std::string::npos;
  return true;
}

bool send_request(ClientConnection& c, const std::string& request) {
  c.buffer.clear();
  c.header_end = std::string::npos;
  c.sent = Clock::now();
  return ::send(c.fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size());
}

// The client: one thread and epoll drive `concurrency` keep-alive connections
// (like wrk), so on two cores the client takes as little CPU from the server
// as it can: 16 blocking client threads measured the scheduler, not the server.
LoadResult run_load(int port, const std::string& path, const std::string& extra_headers, std::size_t total,
                    int concurrency) {
  const std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers + "\r\n";
  LoadResult result;
  result.latencies_ms.reserve(total);
  const int poller = ::epoll_create1(0);
  std::vector<ClientConnection> connections(static_cast<std::size_t>(concurrency));
  std::size_t started = 0;
  std::size_t finished = 0;
  auto begin = [&](std::size_t index) {  // the next request on this connection, reconnecting if needed
    auto& c = connections[index];
    while (started < total) {
      ++started;
      if (c.fd < 0) {
        c.fd = connect_loopback(port);
        if (c.fd >= 0) {
          epoll_event event{};
          event.events = EPOLLIN;
          event.data.u64 = index;
          ::epoll_ctl(poller, EPOLL_CTL_ADD, c.fd, &event);
        }
      }
      if (c.fd >= 0 && send_request(c, request)) return;
      ++result.errors;
      ++finished;
      if (c.fd >= 0) ::close(c.fd);
      c.fd = -1;
    }
    if (c.fd >= 0) {  // no work left for it: a later hang-up must not count
      ::epoll_ctl(poller, EPOLL_CTL_DEL, c.fd, nullptr);
      ::close(c.fd);
      c.fd = -1;
    }
  };
  const auto start = Clock::now();
  for (std::size_t i = 0; i < connections.size(); ++i) begin(i);
  std::vector<epoll_event> events(connections.size());
  char chunk[65536];
  while (finished < total) {
    const int ready = ::epoll_wait(poller, events.data(), static_cast<int>(events.size()), 60000);
    if (ready <= 0) break;  // a stalled server: what is missing counts as errors below
    for (int e = 0; e < ready; ++e) {
      const auto index = static_cast<std::size_t>(events[static_cast<std::size_t>(e)].data.u64);
      auto& c = connections[index];
      const ssize_t got = ::recv(c.fd, chunk, sizeof(chunk), 0);
      bool failed = got <= 0;
      if (!failed) {
        c.buffer.append(chunk, static_cast<std::size_t>(got));
        if (c.header_end == std::string::npos) {
          c.header_end = c.buffer.find("\r\n\r\n");
          if (c.header_end != std::string::npos) failed = !parse_head(c);
        }
      }
      const bool complete =
          !failed && c.header_end != std::string::npos && c.buffer.size() >= c.header_end + 4 + c.body_length;
      if (!failed && !complete) continue;
      ++finished;
      if (complete && c.status == 200) {
        result.body_bytes = c.body_length;
        result.latencies_ms.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - c.sent).count());
      } else {
        ++result.errors;
      }
      if (failed || c.server_closes || c.status != 200) {
        ::epoll_ctl(poller, EPOLL_CTL_DEL, c.fd, nullptr);
        ::close(c.fd);
        c.fd = -1;
      }
      begin(index);
    }
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  result.requests = total;
  result.errors += total - finished;
  for (auto& c : connections)
    if (c.fd >= 0) ::close(c.fd);
  ::close(poller);
  std::sort(result.latencies_ms.begin(), result.latencies_ms.end());
  return result;
}

// The machine's floor for an HTTP answer of a given size: an epoll server
// per core (SO_REUSEPORT) that waits for the blank line of a request and
// writes a constant response, with no parsing, routing or allocation. Nothing
// that speaks HTTP over loopback sockets on these cores can answer faster.
int start_floor_server(std::size_t body_size) {
  const std::string body(body_size, 'x');
  const auto response = std::make_shared<const std::string>(
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\n\r\n" + body);
  int port = 0;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned core = 0; core < cores; ++core) {
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    const int one = 1;
    ::setsockopt(listener, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    ::listen(listener, 128);
    socklen_t length = sizeof(address);
    ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
    port = ntohs(address.sin_port);
    std::thread([listener, response] {
      const int poller = ::epoll_create1(0);
      epoll_event event{};
      event.events = EPOLLIN;
      event.data.fd = listener;
      ::epoll_ctl(poller, EPOLL_CTL_ADD, listener, &event);
      std::unordered_map<int, std::string> pending;  // what each connection sent so far
      epoll_event events[64];
      char chunk[4096];
      for (;;) {
        const int ready = ::epoll_wait(poller, events, 64, -1);
        for (int e = 0; e < ready; ++e) {
          const int fd = events[e].data.fd;
          if (fd == listener) {
            for (int client; (client = ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK)) >= 0;) {
              const int on = 1;
              ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
              epoll_event added{};
              added.events = EPOLLIN;
              added.data.fd = client;
              ::epoll_ctl(poller, EPOLL_CTL_ADD, client, &added);
            }
            continue;
          }
          const ssize_t got = ::recv(fd, chunk, sizeof(chunk), 0);
          if (got <= 0) {
            pending.erase(fd);
            ::close(fd);
            continue;
          }
          auto& text = pending[fd];
          text.append(chunk, static_cast<std::size_t>(got));
          for (auto end = text.find("\r\n\r\n"); end != std::string::npos; end = text.find("\r\n\r\n")) {
            text.erase(0, end + 4);
            ::send(fd, response->data(), response->size(), MSG_NOSIGNAL);
          }
        }
      }
    }).detach();
  }
  return port;
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto index = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(index, sorted.size() - 1)];
}

double mean(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return values.empty() ? 0 : sum / static_cast<double>(values.size());
}

// The server as it was: cpp-httplib defaults, each file read from disk and
// wasm gzipped for every request.
int start_reference_server(const std::string& web_root) {
  auto* server = new httplib::Server();
  server->Get(".*", [web_root](const httplib::Request& request, httplib::Response& response) {
    std::string path = request.path == "/" ? "/index.html" : request.path;
    std::ifstream in(web_root + path, std::ios::binary);
    if (!in) {
      response.status = 404;
      return;
    }
    std::ostringstream body;
    body << in.rdbuf();
    const std::string mime = llmos::server::mime_type_for(path);
    std::string content = body.str();
    if (mime == "application/wasm" &&
        request.get_header_value("Accept-Encoding").find("gzip") != std::string::npos) {
      content = llmos::server::gzip_text(content, 6);
      response.set_header("Content-Encoding", "gzip");
    }
    response.set_content(std::move(content), mime.c_str());
  });
  const int port = server->bind_to_any_port("127.0.0.1");
  std::thread([server] { server->listen_after_bind(); }).detach();
  return port;
}

int start_llmos_server(const std::string& web_root, const std::string& skills_dir,
                       const std::string& data_dir) {
  std::promise<int> bound;
  llmos::server::ServeOptions options;
  options.port = 0;
  options.web_root = web_root;
  options.skill_dirs = {skills_dir};
  options.data_dir = data_dir;
  options.demo = true;
  options.on_listening = [&bound](int port) { bound.set_value(port); };
  auto port = bound.get_future();
  std::thread([options] { llmos::server::serve(options); }).detach();
  return port.get();
}

double rate(const LoadResult& result) { return static_cast<double>(result.requests) / result.seconds; }

// `versus` is "x reference" or "of floor": the column says which.
void print_row(const char* server, const char* target, int concurrency, const LoadResult& result,
               double versus_rps, const char* versus) {
  char ratio[48] = "";
  if (versus_rps > 0) std::snprintf(ratio, sizeof(ratio), "%.2f %s", rate(result) / versus_rps, versus);
  std::printf("| %s | %s | %zu | %d | %.0f | %.2f | %.2f | %.2f | %zu | %zu | %s |\n", server, target,
              result.requests, concurrency, rate(result), mean(result.latencies_ms),
              percentile(result.latencies_ms, 50), percentile(result.latencies_ms, 99), result.errors,
              result.body_bytes, ratio);
  std::fflush(stdout);
  if (std::getenv("DEBUG_LOAD") && !result.latencies_ms.empty()) {
    for (std::size_t i = result.latencies_ms.size() > 20 ? result.latencies_ms.size() - 20 : 0; i < result.latencies_ms.size(); ++i) std::fprintf(stderr, "%.1f ", result.latencies_ms[i]);
    std::fprintf(stderr, "\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s WEB_ROOT SKILLS_DIR [requests=10000] [concurrency=16]\n", argv[0]);
    return 2;
  }
  const std::string web_root = argv[1];
  const std::string skills_dir = argv[2];
  const std::size_t requests = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 10000;
  const int concurrency = argc > 4 ? std::atoi(argv[4]) : 16;
  const auto data_dir =
      std::filesystem::temp_directory_path() / ("llmos-bench-" + std::to_string(::getpid()));

  const int ours = start_llmos_server(web_root, skills_dir, data_dir.string());
  const int reference = start_reference_server(web_root);
  const std::string gzip = "Accept-Encoding: gzip\r\n";
  const std::string skills = "/workflows/skills/executable?user_id=alice&team_id=engineering";

  // Warm both (first reads, gzip of the wasm, the library view); the skills
  // list's size sets the floor server's answer.
  const auto warm_skills = run_load(ours, skills, gzip, 200, 4);
  run_load(ours, "/llmos.wasm", gzip, 4, 2);
  run_load(reference, "/index.html", gzip, 20, 2);
  const int floor = start_floor_server(warm_skills.body_bytes);
  run_load(floor, "/", "", 200, 4);

  std::printf(
      "%zu requests per row at %d-way concurrency on 127.0.0.1 (keep-alive; gzip accepted), driven by one "
      "epoll client thread. The reference is cpp-httplib with its defaults, as the server was before (fewer "
      "requests: it is slow). The floor is a minimal epoll server per core writing a constant answer of the "
      "skills list's size: what loopback HTTP costs on these cores.\n\n",
      requests, concurrency);
  std::printf(
      "| server | target | requests | conc. | req/s | mean ms | p50 ms | p99 ms | errors | body bytes | vs "
      "|\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
  const auto ref_index =
      run_load(reference, "/index.html", gzip, std::min<std::size_t>(requests, 2000), concurrency);
  print_row("reference", "index.html", concurrency, ref_index, 0, "");
  const auto ref_wasm =
      run_load(reference, "/llmos.wasm", gzip, std::min<std::size_t>(requests, 64), concurrency);
  print_row("reference", "llmos.wasm", concurrency, ref_wasm, 0, "");
  const auto floor_result = run_load(floor, "/", "", requests, concurrency);
  print_row("floor", "constant answer, skills list's size", concurrency, floor_result, 0, "");
  const auto health = run_load(ours, "/health", gzip, requests, concurrency);
  print_row("llmos serve", "/health", concurrency, health, rate(floor_result), "of floor");
  const auto skills_result = run_load(ours, skills, gzip, requests, concurrency);
  print_row("llmos serve", "skills list (alice, engineering)", concurrency, skills_result, rate(floor_result),
            "of floor");
  const auto index_result = run_load(ours, "/index.html", gzip, requests, concurrency);
  print_row("llmos serve", "index.html", concurrency, index_result, rate(ref_index), "x reference");
  const auto wasm_result = run_load(ours, "/llmos.wasm", gzip, requests, concurrency);
  print_row("llmos serve", "llmos.wasm", concurrency, wasm_result, rate(ref_wasm), "x reference");

  double load[3] = {0, 0, 0};
  if (::getloadavg(load, 3) < 0) load[0] = -1;
  std::printf(
      "\nTargets: skills list >= 20000 req/s with p99 < 5 ms and 0 errors. Load average at the end: %.2f\n",
      load[0]);
  std::error_code error;
  std::filesystem::remove_all(data_dir, error);
  std::fflush(stdout);
  std::_Exit(0);  // the servers' threads never return
}

// A bounded load test of `llmos serve` on the loopback: N requests at C-way
// concurrency (keep-alive connections, one blocking client thread each) for
// the skills list, index.html and llmos.wasm, reporting throughput, mean,
// p50 and p99 latency and errors. The reference, measured in the same run,
// is cpp-httplib as the server used it before (defaults: Nagle on, 8
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
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <string>
#include <thread>
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

// One request on a keep-alive connection; reads the whole response. Returns
// the body size, or -1 on an error (the caller reconnects). `closed` is set
// when the server said Connection: close.
long exchange(int fd, const std::string& request, std::string& buffer, bool& closed, int& status) {
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size()))
    return -1;
  buffer.clear();
  std::size_t header_end = std::string::npos;
  char chunk[65536];
  while (header_end == std::string::npos) {
    const ssize_t got = ::recv(fd, chunk, sizeof(chunk), 0);
    if (got <= 0) return -1;
    buffer.append(chunk, static_cast<std::size_t>(got));
    header_end = buffer.find("\r\n\r\n");
  }
  status = std::atoi(buffer.c_str() + 9);
  std::string headers = buffer.substr(0, header_end);
  for (auto& c : headers) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto length_at = headers.find("content-length:");
  if (length_at == std::string::npos) return -1;
  const std::size_t length = std::strtoul(headers.c_str() + length_at + 15, nullptr, 10);
  closed = headers.find("connection: close") != std::string::npos;
  std::size_t have = buffer.size() - header_end - 4;
  while (have < length) {
    const ssize_t got = ::recv(fd, chunk, std::min(sizeof(chunk), length - have), 0);
    if (got <= 0) return -1;
    have += static_cast<std::size_t>(got);
  }
  return static_cast<long>(length);
}

LoadResult run_load(int port, const std::string& path, const std::string& extra_headers, std::size_t total,
                    int concurrency) {
  const std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers + "\r\n";
  std::atomic<std::size_t> next{0};
  std::vector<std::future<LoadResult>> workers;
  const auto start = Clock::now();
  for (int w = 0; w < concurrency; ++w) {
    workers.push_back(std::async(std::launch::async, [&] {
      LoadResult mine;
      std::string buffer;
      int fd = -1;
      while (next.fetch_add(1) < total) {
        if (fd < 0) fd = connect_loopback(port);
        const auto t0 = Clock::now();
        bool closed = false;
        int status = 0;
        const long size = fd < 0 ? -1 : exchange(fd, request, buffer, closed, status);
        const auto t1 = Clock::now();
        ++mine.requests;
        if (size < 0 || status != 200) {
          ++mine.errors;
          if (fd >= 0) ::close(fd);
          fd = -1;
          continue;
        }
        mine.body_bytes = static_cast<std::size_t>(size);
        mine.latencies_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        if (closed) {
          ::close(fd);
          fd = -1;
        }
      }
      if (fd >= 0) ::close(fd);
      return mine;
    }));
  }
  LoadResult all;
  for (auto& worker : workers) {
    auto part = worker.get();
    all.requests += part.requests;
    all.errors += part.errors;
    all.body_bytes = std::max(all.body_bytes, part.body_bytes);
    all.latencies_ms.insert(all.latencies_ms.end(), part.latencies_ms.begin(), part.latencies_ms.end());
  }
  all.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(all.latencies_ms.begin(), all.latencies_ms.end());
  return all;
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

void print_row(const char* server, const char* target, int concurrency, const LoadResult& result,
               double reference_rps) {
  const double rps = static_cast<double>(result.requests) / result.seconds;
  char ratio[32] = "";
  if (reference_rps > 0) std::snprintf(ratio, sizeof(ratio), "%.1fx", rps / reference_rps);
  std::printf("| %s | %s | %zu | %d | %.0f | %.2f | %.2f | %.2f | %zu | %zu | %s |\n", server, target,
              result.requests, concurrency, rps, mean(result.latencies_ms),
              percentile(result.latencies_ms, 50), percentile(result.latencies_ms, 99), result.errors,
              result.body_bytes, ratio);
  std::fflush(stdout);
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

  std::printf(
      "%zu requests per row at %d-way concurrency on 127.0.0.1 (keep-alive; gzip accepted). The reference "
      "is cpp-httplib with its defaults, as the server was before (fewer requests: it is slow).\n\n",
      requests, concurrency);
  std::printf(
      "| server | target | requests | conc. | req/s | mean ms | p50 ms | p99 ms | errors | body bytes | vs "
      "reference |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
  // Warm both (first reads, gzip of the wasm, the library view).
  run_load(ours, skills, gzip, 200, 4);
  run_load(ours, "/llmos.wasm", gzip, 4, 2);
  run_load(reference, "/index.html", gzip, 20, 2);

  const auto ref_index =
      run_load(reference, "/index.html", gzip, std::min<std::size_t>(requests, 2000), concurrency);
  print_row("reference", "index.html", concurrency, ref_index, 0);
  const auto ref_wasm =
      run_load(reference, "/llmos.wasm", gzip, std::min<std::size_t>(requests, 64), concurrency);
  print_row("reference", "llmos.wasm", concurrency, ref_wasm, 0);
  const auto skills_result = run_load(ours, skills, gzip, requests, concurrency);
  print_row("llmos serve", "skills list (alice, engineering)", concurrency, skills_result, 0);
  const auto index_result = run_load(ours, "/index.html", gzip, requests, concurrency);
  print_row("llmos serve", "index.html", concurrency, index_result,
            static_cast<double>(ref_index.requests) / ref_index.seconds);
  const auto wasm_result = run_load(ours, "/llmos.wasm", gzip, requests, concurrency);
  print_row("llmos serve", "llmos.wasm", concurrency, wasm_result,
            static_cast<double>(ref_wasm.requests) / ref_wasm.seconds);

  std::printf("\nTargets: skills list >= 20000 req/s with p99 < 5 ms and 0 errors.\n");
  std::error_code error;
  std::filesystem::remove_all(data_dir, error);
  std::fflush(stdout);
  std::_Exit(0);  // the servers' threads never return
}

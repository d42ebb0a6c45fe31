#include "headless_run.hpp"

#include "volumes_on_disk.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>

extern char** environ;

namespace llmos::server {
namespace {

std::string self_executable() {
  std::error_code error;
  auto path = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::string("llmos") : path.string();
}

}  // namespace

HeadlessRunResult run_process(const std::vector<std::string>& argv, int timeout_ms,
                              const std::function<void(const std::string& line)>& on_stderr_line,
                              const std::function<bool()>& still_wanted) {
  HeadlessRunResult result;
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    result.error = std::strerror(errno);
    return result;
  }
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    result.error = std::strerror(errno);
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    return result;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  // Its own process group, so a timeout kills Node's workers too.
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, args[0], &actions, &attributes, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (spawned != 0) {
    result.error = "cannot start " + argv[0] + ": " + std::strerror(spawned);
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    return result;
  }
  result.started = true;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  int open_pipes = 2;
  char buffer[65536];
  while (open_pipes > 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      ::kill(-pid, SIGKILL);
      break;
    }
    if (still_wanted && !still_wanted()) {
      result.abandoned = true;
      ::kill(-pid, SIGKILL);
      break;
    }
    const auto wait_ms = static_cast<int>(still_wanted ? std::min<long>(left.count(), 1000) : left.count());
    const int ready = ::poll(fds, 2, wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t got = ::read(fds[i].fd, buffer, sizeof(buffer));
      if (got > 0) {
        auto& text = i == 0 ? result.stdout_text : result.stderr_text;
        const auto before = text.size();
        text.append(buffer, static_cast<std::size_t>(got));
        if (i == 1 && on_stderr_line) {  // each line completed by this read
          auto start = text.rfind('\n', before == 0 ? 0 : before - 1);
          start = start == std::string::npos || before == 0 ? 0 : start + 1;
          for (auto end = text.find('\n', before); end != std::string::npos; end = text.find('\n', start)) {
            on_stderr_line(text.substr(start, end - start));
            start = end + 1;
          }
        }
      } else if (got == 0 || errno != EINTR) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_pipes;
      }
    }
  }
  for (auto& fd : fds)
    if (fd.fd >= 0) ::close(fd.fd);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code =
      WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  return result;
}

HeadlessRunner::HeadlessRunner(std::string executable)
    : executable_(executable.empty() ? self_executable() : std::move(executable)) {}

bool HeadlessRunner::available() {
  std::lock_guard lock(mutex_);
  if (!available_) {
    const auto probe = run_process({executable_, "run", "--help"}, 10000);
    available_ = probe.started && !probe.timed_out && probe.exit_code == 0;
  }
  return *available_;
}

std::vector<std::string> HeadlessRunner::command_for(const HeadlessRunRequest& request,
                                                     const std::string& workflow_file) const {
  std::vector<std::string> argv = {executable_, "run", workflow_file, "--json"};
  if (request.on_event_line) argv.push_back("--events");
  for (const auto& dir : request.skill_dirs) {
    argv.push_back("--skills");
    argv.push_back(dir);
  }
  std::error_code error;
  if (!request.team_dir.empty() && std::filesystem::is_directory(request.team_dir, error)) {
    argv.push_back("--team");
    argv.push_back(request.team_dir);
  }
  if (!request.user_dir.empty() && std::filesystem::is_directory(request.user_dir, error)) {
    argv.push_back("--user");
    argv.push_back(request.user_dir);
  }
  return argv;
}

HeadlessRunResult HeadlessRunner::run(const HeadlessRunRequest& request) {
  if (!available()) {
    HeadlessRunResult result;
    result.error = "this build of llmos has no 'run' command, so workflows cannot run headless here";
    return result;
  }
  char name[] = "/tmp/llmos-mcp-run-XXXXXX.json";
  const int fd = ::mkstemps(name, 5);
  if (fd < 0) {
    HeadlessRunResult result;
    result.error = std::string("cannot create a temporary workflow file: ") + std::strerror(errno);
    return result;
  }
  ::close(fd);
  HeadlessRunResult result;
  if (auto failure = write_file_atomically(name, request.workflow_json)) {
    result.error = *failure;
  } else {
    std::lock_guard lock(mutex_);
    result = run_process(command_for(request, name), request.timeout_ms, request.on_event_line,
                         request.still_wanted);
  }
  ::unlink(name);
  return result;
}

}  // namespace llmos::server

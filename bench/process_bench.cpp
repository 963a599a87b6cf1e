// process_bench: whole-process wall time of a command, run N times after a
// warm-up, as pre-commit would run it. Prints median, p90, min and max.
//   process_bench RUNS -- COMMAND [ARGS...]
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

extern char** environ;

int main(int argc, char** argv) {
  if (argc < 4 || std::strcmp(argv[2], "--") != 0) {
    std::fprintf(stderr, "usage: process_bench RUNS -- COMMAND [ARGS...]\n");
    return 2;
  }
  const int runs = std::atoi(argv[1]);
  char** cmd = argv + 3;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  auto once = [&] {
    const auto a = std::chrono::steady_clock::now();
    pid_t pid;
    if (posix_spawnp(&pid, cmd[0], &fa, nullptr, cmd, environ) != 0) {
      std::perror("posix_spawnp");
      std::exit(2);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count();
  };
  for (int i = 0; i < 3; ++i) once();  // warm-up
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) t.push_back(once());
  std::sort(t.begin(), t.end());
  std::printf("%d runs: median %.2f ms, p90 %.2f ms, min %.2f ms, max %.2f ms\n", runs, t[t.size() / 2],
              t[t.size() * 9 / 10], t.front(), t.back());
  return 0;
}

#include "cli/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <streambuf>

namespace rolelint::cli {
namespace fs = std::filesystem;
namespace {

std::string errnoText(int e) { return std::strerror(e); }

// An output stream buffer over a file descriptor that remembers the first
// failed write (errno) instead of losing it.
class FdBuf final : public std::streambuf {
 public:
  explicit FdBuf(int fd) : fd_(fd) { setp(buf_.data(), buf_.data() + buf_.size()); }
  FdBuf(const FdBuf&) = delete;  // owns a buffer of pending bytes
  FdBuf& operator=(const FdBuf&) = delete;
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    const char* p = pbase();
    size_t left = static_cast<size_t>(pptr() - pbase());
    while (left > 0 && error_ == 0) {
      const ssize_t n = ::write(fd_, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        error_ = n < 0 ? errno : EIO;
        break;
      }
      p += n;
      left -= static_cast<size_t>(n);
    }
    setp(buf_.data(), buf_.data() + buf_.size());
    return error_ == 0;
  }
  int fd_;
  int error_ = 0;
  std::array<char, 1 << 16> buf_{};
};

// Writes everything to `fd` and closes it. An Error on failure.
core::Status writeFd(int fd, const std::string& shown, const std::function<void(std::ostream&)>& write) {
  FdBuf buf(fd);
  {
    std::ostream out(&buf);
    write(out);
    out.flush();
  }
  int e = buf.error();
  if (::close(fd) != 0 && e == 0) e = errno;
  if (e != 0) return core::Error{"cannot write " + shown + ": " + errnoText(e)};
  return core::Ok{};
}

}  // namespace

core::Status writeOutputFile(const std::string& path, const std::function<void(std::ostream&)>& write) {
  struct stat st {};
  const bool exists = ::lstat(path.c_str(), &st) == 0;
  if (!exists && errno != ENOENT) return core::Error{"cannot write " + path + ": " + errnoText(errno)};
  if (exists && S_ISLNK(st.st_mode)) {
    return core::Error{"--output " + path +
                       " is a symbolic link; rolelint does not write through links (a checkout can plant them): "
                       "remove it or name the file it points to"};
  }
  if (exists && S_ISDIR(st.st_mode)) return core::Error{"--output " + path + " is a directory"};
  if (exists && !S_ISREG(st.st_mode)) {
    // A FIFO, device or terminal: written through, never replaced.
    const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return core::Error{"cannot write " + path + ": " + errnoText(errno)};
    return writeFd(fd, path, write);
  }
  // A regular file or nothing: a fresh temporary file next to it, then rename.
  const fs::path target(path);
  const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::string tmpl = (dir / ("." + target.filename().string() + ".rolelint-XXXXXX")).string();
  const int fd = ::mkstemp(tmpl.data());  // O_CREAT | O_EXCL: never follows a link, never reuses a name
  if (fd < 0) {
    return core::Error{"cannot write " + path + ": cannot create a temporary file in " + dir.generic_string() + ": " +
                       errnoText(errno)};
  }
  // mkstemp creates 0600; give the report the mode an ordinary new file gets,
  // or keep the mode of the file it replaces.
  mode_t mode = 0;
  if (exists) {
    mode = st.st_mode & 07777;
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  (void)::fchmod(fd, mode);
  if (auto written = writeFd(fd, path, write); !written) {
    ::unlink(tmpl.c_str());
    return written;
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    core::Error error{"cannot replace " + path + ": " + errnoText(errno)};  // before unlink changes errno
    ::unlink(tmpl.c_str());
    return error;
  }
  return core::Ok{};
}

core::Status flushStdout() {
  std::cout.flush();
  const bool streamFailed = !std::cout;
  errno = 0;
  const bool flushFailed = std::fflush(stdout) != 0;
  const int e = errno;
  if (streamFailed || flushFailed || std::ferror(stdout) != 0) {
    return core::Error{std::string("cannot write to standard output") + (e != 0 ? ": " + errnoText(e) : std::string())};
  }
  return core::Ok{};
}

}  // namespace rolelint::cli

#include "core/private_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace youjun {

int create_private_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return errno;
  ::close(fd);
  return 0;
}

}  // namespace youjun

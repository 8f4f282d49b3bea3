#pragma once
// Files that may hold minors' data (databases, backups) are created owner-only, whatever the umask.
#include <string>

namespace youjun {

// Creates `path` empty with mode 0600 unless something is already there. Returns 0 when it created the
// file, otherwise the errno (EEXIST: it existed and was left untouched).
int create_private_file(const std::string& path);

}  // namespace youjun

#pragma once
// The built web app (web/dist) for every path outside /api/: a file if it exists, otherwise
// index.html (single-page app routes like /schools/123), or a plain Chinese page when the app is
// not built. Paths cannot leave the web directory.
#include <string>

namespace youjun::server {

struct StaticFile {
  int status = 200;
  std::string body;
  std::string content_type;
  std::string cache_control;
};

StaticFile serve_static(const std::string& web_dir, const std::string& url_path);

// --web default: web/dist in the current directory, else beside the executable's parent
// (build/youjun -> web/dist), else "" (the not-built page is shown).
std::string default_web_dir();

}  // namespace youjun::server

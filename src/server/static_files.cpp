#include "server/static_files.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <vector>

namespace youjun::server {

namespace fs = std::filesystem;

namespace {

std::string content_type_of(const fs::path& p) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"}, {".geojson", "application/geo+json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"}, {".txt", "text/plain; charset=utf-8"},
      {".svg", "image/svg+xml"}, {".png", "image/png"}, {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"},
      {".gif", "image/gif"}, {".webp", "image/webp"}, {".ico", "image/x-icon"}, {".woff", "font/woff"},
      {".woff2", "font/woff2"}, {".ttf", "font/ttf"}, {".wasm", "application/wasm"}};
  auto it = types.find(p.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

const char* kNotBuiltPage = R"(<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>优均 youjun</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto;line-height:1.7">
<h1>优均 youjun 服务已启动</h1>
<p>网页界面尚未构建，因此这里只能显示这段说明。</p>
<p>请在代码仓库根目录运行 <code>make build</code>（或 <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>），
然后重新启动服务；也可以用 <code>youjun serve --web 目录</code> 指定已构建的网页目录。</p>
<p>接口仍可使用：<a href="/api/v1/health">/api/v1/health</a>（接口说明见 docs/api.md）。</p>
</body></html>
)";

StaticFile not_built() { return {200, kNotBuiltPage, "text/html; charset=utf-8", "no-store"}; }

bool read_file(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

// Safe relative path from a URL path: no "..", no NUL or backslash; nullopt when unsafe.
std::optional<fs::path> relative_path(const std::string& url_path) {
  fs::path rel;
  std::stringstream ss(url_path);
  std::string seg;
  while (std::getline(ss, seg, '/')) {
    if (seg.empty() || seg == ".") continue;
    if (seg == ".." || seg.find('\0') != std::string::npos || seg.find('\\') != std::string::npos) return std::nullopt;
    rel /= seg;
  }
  return rel;
}

}  // namespace

StaticFile serve_static(const std::string& web_dir, const std::string& url_path) {
  std::error_code ec;
  if (web_dir.empty() || !fs::is_regular_file(fs::path(web_dir) / "index.html", ec)) return not_built();
  fs::path root = fs::canonical(web_dir, ec);
  if (ec) return not_built();
  auto rel = relative_path(url_path);
  if (!rel) return {404, "Not Found", "text/plain; charset=utf-8", "no-store"};
  fs::path file = fs::weakly_canonical(root / *rel, ec);
  bool inside = !ec && file.native().rfind(root.native() + "/", 0) == 0;
  StaticFile out;
  if (inside && !rel->empty() && fs::is_regular_file(file, ec) && read_file(file, out.body)) {
    out.content_type = content_type_of(file);
    // Vite puts content-hashed bundles under /assets/: they never change.
    out.cache_control = rel->begin()->string() == "assets" ? "public, max-age=31536000, immutable" : "no-cache";
    return out;
  }
  if (!rel->empty() && rel->filename().has_extension())  // a missing asset, not an app route
    return {404, "Not Found", "text/plain; charset=utf-8", "no-store"};
  if (!read_file(root / "index.html", out.body)) return not_built();
  out.content_type = "text/html; charset=utf-8";
  out.cache_control = "no-cache";
  return out;
}

std::string default_web_dir() {
  std::error_code ec;
  if (fs::is_regular_file("web/dist/index.html", ec)) return fs::absolute("web/dist").string();
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n > 0) {
    buf[n] = '\0';
    fs::path candidate = fs::path(buf).parent_path().parent_path() / "web" / "dist";
    if (fs::is_regular_file(candidate / "index.html", ec)) return candidate.string();
  }
  return "";
}

}  // namespace youjun::server

// cpp-httplib adapter: the only translation unit of the server that includes the HTTP library.
#include "server/http_server.hpp"

#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <thread>

#include "core/time_util.hpp"
#include "server/dispatch.hpp"
#include "server/http.hpp"
#include "server/server_setup.hpp"
#include "server/static_files.hpp"

namespace youjun::server {

// The client's address. Behind a reverse proxy on this machine (serve --trust-proxy) every connection
// comes from loopback; the proxy's X-Forwarded-For then names the client, and the last entry is the
// one the proxy itself appended (earlier entries are whatever the client sent, so never trusted).
std::string client_address(const httplib::Request& req, bool trust_proxy) {
  bool from_loopback = req.remote_addr == "127.0.0.1" || req.remote_addr == "::1";
  std::string forwarded = req.get_header_value("X-Forwarded-For");
  if (!trust_proxy || !from_loopback || forwarded.empty()) return req.remote_addr;
  auto comma = forwarded.rfind(',');
  std::string last = comma == std::string::npos ? forwarded : forwarded.substr(comma + 1);
  auto b = last.find_first_not_of(' '), e = last.find_last_not_of(' ');
  if (b == std::string::npos) return req.remote_addr;
  last = last.substr(b, e - b + 1);
  for (char ch : last)
    if (!(std::isxdigit(static_cast<unsigned char>(ch)) || ch == '.' || ch == ':')) return req.remote_addr;
  return last.size() <= 45 ? last : req.remote_addr;
}

namespace {

// Per worker thread: when the current request started and who made it (for the log line).
struct RequestLog {
  std::chrono::steady_clock::time_point start;
  bool started = false;
  std::string user;
};
thread_local RequestLog t_log;

std::string loggable_path(const std::string& path) {
  std::string out;
  for (char c : path.substr(0, 200)) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) ? '?' : c;
  return out;
}

// Value of cookie `name` in a Cookie header ("a=1; yj_session=…"); "" when absent.
std::string cookie_value(const std::string& header, const std::string& name) {
  const std::string prefix = name + "=";
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    size_t b = header.find_first_not_of(' ', pos);
    if (b < end && header.compare(b, prefix.size(), prefix) == 0) return header.substr(b + prefix.size(), end - b - prefix.size());
    pos = end + 1;
  }
  return "";
}

// Token of "Authorization: Bearer <token>" (scheme case-insensitive); "" otherwise.
std::string bearer_token(const std::string& header) {
  if (header.size() <= 7) return "";
  std::string scheme = header.substr(0, 7);
  for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer ") return "";
  size_t b = header.find_first_not_of(' ', 7);
  return b == std::string::npos ? "" : header.substr(b);
}

ApiRequest to_api_request(const httplib::Request& req, bool trust_proxy) {
  ApiRequest a;
  a.method = req.method;
  a.path = req.path;
  for (const auto& [k, v] : req.params) a.query.emplace(k, v);
  a.content_type = req.get_header_value("Content-Type");
  if (req.is_multipart_form_data()) {
    for (const auto& [name, part] : req.files)
      if (!a.parts.count(name)) a.parts[name] = UploadedPart{part.filename, part.content_type, part.content};
  } else {
    a.body = req.body;
  }
  a.remote_addr = client_address(req, trust_proxy);
  a.cookie_token = cookie_value(req.get_header_value("Cookie"), "yj_session");
  a.bearer_token = bearer_token(req.get_header_value("Authorization"));
  a.csrf_header = req.get_header_value("X-CSRF-Token");
  return a;
}

void write_response(const ApiResponse& r, httplib::Response& res) {
  res.status = r.status;
  for (const auto& [k, v] : r.headers) res.set_header(k, v);
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  res.set_content(r.body, r.content_type);
}

std::string status_message(int status) {
  switch (status) {
    case 400: return "请求格式错误";
    case 404: return "未找到";
    case 413: return "请求体过大（导入文件上限 64 MiB，其他请求 1 MiB）";
    case 414: return "请求地址过长";
    case 416: return "请求的范围无效";
    default: return status >= 500 ? "服务器内部错误" : "请求无法处理";
  }
}

}  // namespace

struct HttpServer::Impl {
  ServerConfig config;
  std::unique_ptr<ServerState> state;
  httplib::Server http;
  std::atomic<bool> run_entered{false};
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> stopped{false};

  void configure();
  void handle(const httplib::Request& req, httplib::Response& res);
  httplib::Server::HandlerResponse before_body(const httplib::Request& req, httplib::Response& res);
  void log(const httplib::Request& req, const httplib::Response& res);
};

void HttpServer::Impl::handle(const httplib::Request& req, httplib::Response& res) {
  if (req.path == "/api" || req.path.rfind("/api/", 0) == 0) {
    ApiRequest a = to_api_request(req, config.trust_proxy);
    write_response(dispatch_api(*state, a, t_log.user), res);
    return;
  }
  if (req.method != "GET" && req.method != "HEAD") {
    write_response(error_response(404, "未找到"), res);
    return;
  }
  StaticFile f = serve_static(config.web_dir, req.path);
  res.status = f.status;
  res.set_header("Cache-Control", f.cache_control);
  res.set_content(f.body, f.content_type);
}

// Runs before the body is read. Chunked and compressed bodies are refused (their size cannot be bounded
// up front in this cpp-httplib version). Bodies over the import limit are skipped unread by cpp-httplib (413);
// bodies between the general and the import limit are read (bounded) and refused by dispatch_api.
httplib::Server::HandlerResponse HttpServer::Impl::before_body(const httplib::Request& req, httplib::Response& res) {
  t_log.start = std::chrono::steady_clock::now();
  t_log.started = true;
  t_log.user.clear();
  // Range requests are ignored (answered in full): this cpp-httplib version builds multi-range answers
  // in memory, one copy per range. The Request object is not const; cpp-httplib only hands out a const&.
  const_cast<httplib::Request&>(req).ranges.clear();
  auto refuse = [&](const std::string& message) {
    write_response(error_response(400, message), res);
    res.set_header("Connection", "close");
    return httplib::Server::HandlerResponse::Handled;
  };
  if (req.has_header("Transfer-Encoding")) return refuse("不支持分块传输的请求体，请提供 Content-Length");
  // Without a length the library would wait for the client to close the connection (read timeout).
  bool has_body_method = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
  if (has_body_method && !req.has_header("Content-Length"))
    return refuse("请求须带 Content-Length 请求头（没有请求体时为 0）");
  // The library would inflate gzip/brotli bodies without a size limit (a small upload could expand to
  // gigabytes); browsers never compress request bodies.
  std::string encoding = req.get_header_value("Content-Encoding");
  if (!encoding.empty() && encoding != "identity") return refuse("不支持压缩的请求体（Content-Encoding）");
  return httplib::Server::HandlerResponse::Unhandled;
}

void HttpServer::Impl::log(const httplib::Request& req, const httplib::Response& res) {
  double ms = t_log.started
                  ? std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_log.start).count()
                  : 0.0;
  if (config.log_requests)
    std::fprintf(stderr, "%s %s %s %d %.1fms %s\n", now_iso8601().c_str(), loggable_path(req.method).c_str(),
                 loggable_path(req.path).c_str(), res.status, ms, t_log.user.empty() ? "-" : t_log.user.c_str());
  t_log.started = false;
  t_log.user.clear();
}

void HttpServer::Impl::configure() {
  http.set_socket_options([](socket_t sock) {
    int yes = 1;  // not SO_REUSEPORT: a second server on the same port must fail, not share it
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  http.set_payload_max_length(std::max(state->options.max_body, state->options.max_import_body));
  http.set_tcp_nodelay(true);
  // One worker per open connection (keep-alive holds a worker): enough for the pool's connections to stay
  // busy while other clients wait on the network, not just the default 8.
  size_t workers = config.worker_threads;
  http.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };  // JSON answers are small: without it Nagle + delayed ACK add ~40 ms to each
  http.set_read_timeout(config.read_timeout_seconds, 0);
  http.set_write_timeout(config.write_timeout_seconds, 0);
  http.set_keep_alive_timeout(5);
  http.set_keep_alive_max_count(100);
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                            {"X-Frame-Options", "DENY"},
                            {"Referrer-Policy", "same-origin"}});
  http.set_pre_routing_handler([this](const auto& req, auto& res) { return before_body(req, res); });
  auto handler = [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); };
  http.Get(".*", handler);
  http.Post(".*", handler);
  http.Put(".*", handler);
  http.Patch(".*", handler);
  http.Delete(".*", handler);
  http.Options(".*", handler);
  http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    write_response(error_response(res.status, status_message(res.status)), res);
    return httplib::Server::HandlerResponse::Handled;
  }));
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    write_response(internal_error("exception: " + what), res);
  });
  http.set_logger([this](const auto& req, const auto& res) { log(req, res); });
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpServer::~HttpServer() { stop(); }

Result<std::unique_ptr<HttpServer>> HttpServer::create(const ServerConfig& config) {
  auto state = prepare_server_state(config.db_url, config.key_file, config.options);
  if (!state) return state.error();
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  impl->state = std::move(*state);
  impl->configure();
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

Result<int> HttpServer::bind() {
  const auto& c = impl_->config;
  int port = c.port == 0 ? impl_->http.bind_to_any_port(c.host) : (impl_->http.bind_to_port(c.host, c.port) ? c.port : -1);
  if (port <= 0)
    return make_error("无法在 " + c.host + ":" + std::to_string(c.port) + " 上监听（端口已被占用或无权限）");
  return port;
}

void HttpServer::run() {
  impl_->run_entered = true;
  if (impl_->stop_requested) return;
  impl_->http.listen_after_bind();
}

void HttpServer::stop() {
  impl_->stop_requested = true;
  // run() may have been entered without the accept loop running yet: wait for it briefly.
  for (int i = 0; i < 2000 && impl_->run_entered && !impl_->http.is_running() && !impl_->stopped; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (impl_->http.is_running() && !impl_->stopped.exchange(true)) impl_->http.stop();
}

ServerState& HttpServer::state() { return *impl_->state; }

namespace {
sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}
}  // namespace

void block_stop_signals() {
  sigset_t set = stop_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int run_until_signal(HttpServer& server) {
  block_stop_signals();  // the worker threads started by run() inherit this mask
  sigset_t set = stop_signals();
  std::atomic<bool> finished{false};
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&set, &sig);
    if (finished) return;
    std::fprintf(stderr, "%s 收到信号 %s，停止接受新连接，等待进行中的请求完成…\n", now_iso8601().c_str(),
                 sig == SIGINT ? "SIGINT" : "SIGTERM");
    server.stop();
  });
  server.run();
  finished = true;
  pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter when run() ended by itself
  waiter.join();
  std::fprintf(stderr, "%s 服务已停止\n", now_iso8601().c_str());
  return 0;
}

}  // namespace youjun::server

#pragma once
// `youjun serve`: cpp-httplib in front of dispatch_api and the static web app. Bounded bodies (1 MiB,
// 64 MiB for imports; checked from Content-Length before reading), read/write timeouts, one log line per
// request on stderr (time, method, path, status, ms, user: never query strings, bodies or tokens),
// graceful stop (no new connections, in-flight requests finish).
#include <httplib.h>

#include <memory>
#include <string>

#include "core/result.hpp"
#include "server/api.hpp"

namespace youjun::server {

struct ServerConfig {
  std::string db_url;
  std::string host = "127.0.0.1";
  int port = 8080;               // 0 = any free port (tests)
  std::string web_dir;           // built web app; "" = the not-built page
  std::string key_file;          // "" = default_key_path(db_url)
  ServerOptions options;
  int read_timeout_seconds = 30;
  int write_timeout_seconds = 60;
  bool log_requests = true;
  bool trust_proxy = false;
  size_t worker_threads = 64;    // HTTP worker threads (serve --threads)      // take the client address from X-Forwarded-For on loopback connections
};

// The client address of a request: X-Forwarded-For (last entry) only when trust_proxy and the
// connection comes from loopback; otherwise the socket's peer.
std::string client_address(const httplib::Request& req, bool trust_proxy);

class HttpServer {
 public:
  // Opens the database, applies pending migrations, loads the personal-data key.
  static Result<std::unique_ptr<HttpServer>> create(const ServerConfig& config);
  ~HttpServer();

  Result<int> bind();  // listens on host:port; returns the port
  void run();          // serves until stop(); returns when in-flight requests are done
  void stop();         // thread-safe, idempotent, may come before run()
  ServerState& state();

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Blocks SIGINT and SIGTERM in the calling thread, so every thread it starts afterwards inherits the mask and
// only run_until_signal's waiter takes them. Call it before creating the server: a thread started earlier
// (the audit batcher, the pool) would otherwise receive SIGTERM and die by it (exit 143, no graceful stop).
void block_stop_signals();

// Runs the bound server until SIGINT or SIGTERM, then stops it gracefully. Returns the exit status (0).
int run_until_signal(HttpServer& server);

}  // namespace youjun::server
